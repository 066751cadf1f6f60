package org.dsa110.contimg.gateway;

/**
 * A frame a bridge will not act on, with the reason sent back in the {@code err} frame ({@code
 * invalid_json}, {@code access_denied}...). A protocol violation counts towards closing the
 * connection (a client that sends garbage is either broken or probing); a well-formed frame to an
 * address the bridge does not permit does not.
 */
final class BridgeRefusal extends Exception {
  private final String reason;
  private final boolean violation;

  private BridgeRefusal(String reason, boolean violation) {
    super(reason, null, false, false);
    this.reason = reason;
    this.violation = violation;
  }

  /** Malformed: the frame breaks the protocol. */
  static BridgeRefusal violation(String reason) {
    return new BridgeRefusal(reason, true);
  }

  /** Well-formed but not allowed. */
  static BridgeRefusal denied(String reason) {
    return new BridgeRefusal(reason, false);
  }

  String reason() {
    return reason;
  }

  boolean violation() {
    return violation;
  }
}

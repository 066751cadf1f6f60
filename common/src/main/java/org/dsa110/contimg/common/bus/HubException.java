package org.dsa110.contimg.common.bus;

/**
 * A failure that is part of the bus contract: the code is what the requester receives in {@code
 * fail(code, message)} and what the gateway turns into an HTTP status.
 */
public class HubException extends RuntimeException {
  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;
  public static final int CONFLICT = 409;
  public static final int PAYLOAD_TOO_LARGE = 413;
  public static final int INTERNAL = 500;
  public static final int UNAVAILABLE = 503;

  private final int code;

  public HubException(int code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Bad input: the message always starts with the field so a caller knows what to fix. */
  public static HubException badRequest(String field, String problem) {
    return new HubException(BAD_REQUEST, field + ": " + problem);
  }

  public static HubException notFound(String message) {
    return new HubException(NOT_FOUND, message);
  }

  public static HubException conflict(String message) {
    return new HubException(CONFLICT, message);
  }

  public static HubException unavailable(String message) {
    return new HubException(UNAVAILABLE, message);
  }
}

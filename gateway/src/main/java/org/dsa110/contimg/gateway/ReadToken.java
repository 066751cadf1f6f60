package org.dsa110.contimg.gateway;

import java.util.Optional;

/**
 * Whether reads need a token, and which: required without a configured token means no read is
 * allowed at all (as HTTP answers 401 when reads need the API token and none is set), never that an
 * empty token matches.
 */
record ReadToken(boolean required, Optional<String> expected) {
  static final ReadToken NONE = new ReadToken(false, Optional.empty());

  static ReadToken required(Optional<String> token) {
    return new ReadToken(true, token);
  }

  boolean accepts(String presented) {
    return !required || expected.isPresent() && Tokens.matches(presented, expected.get());
  }
}

package org.dsa110.contimg.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Shared-secret comparison that takes the same time whatever prefix matches, so timing reveals
 * nothing.
 */
final class Tokens {
  private Tokens() {}

  /** An empty token never matches, not even an empty expected one (an empty token is no token). */
  static boolean matches(String given, String expected) {
    return given != null
        && !given.isEmpty()
        && !expected.isEmpty()
        && MessageDigest.isEqual(
            given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}

package org.dsa110.contimg.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Shared-secret comparison that takes the same time whatever prefix matches, so timing reveals nothing. */
final class Tokens {
  private Tokens() {
  }

  static boolean matches(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}

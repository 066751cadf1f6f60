package org.dsa110.contimg.gateway;

/**
 * Makes text from outside (paths, addresses, header values) safe to put in a log line: control
 * characters become visible escapes ({@code \n}, {@code \u001b}), so nobody can forge a line, and
 * long text is cut. An audit forged whole log lines with raw newlines in decoded path parameters,
 * anonymously through SockJS.
 */
final class LogSafe {
  static final int MAX_CHARS = 256;

  private LogSafe() {}

  static String field(Object value) {
    if (value == null) {
      return "-";
    }
    String text = value.toString();
    StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 16);
    int i = 0;
    for (; i < text.length() && safe.length() < MAX_CHARS; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> safe.append("\\n");
        case '\r' -> safe.append("\\r");
        case '\t' -> safe.append("\\t");
        case '\\' -> safe.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            safe.append(String.format("\\u%04x", (int) c));
          } else {
            safe.append(c);
          }
        }
      }
    }
    return i < text.length() ? safe + "...(" + text.length() + " chars)" : safe.toString();
  }
}

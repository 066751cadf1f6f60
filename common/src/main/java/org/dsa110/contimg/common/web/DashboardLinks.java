package org.dsa110.contimg.common.web;

import java.nio.charset.StandardCharsets;

/**
 * Links into the dashboard from outside it (Slack messages), written as the dashboard's own router
 * writes and reads them ({@code webroot/js/links.js}): {@code #/source/} and the id as JavaScript's
 * {@code encodeURIComponent} encodes it. A test runs both on the same ids and compares; another
 * follows a Slack message's link in Chromium to the light curve. The link once pointed at {@code
 * #/sources/}, a page the dashboard does not have.
 */
public final class DashboardLinks {
  private static final String UNRESERVED = "-_.!~*'()";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DashboardLinks() {}

  /**
   * The source page (statistics, candidates, light curve) of {@code sourceId}, under the dashboard
   * at {@code baseUrl}.
   */
  public static String sourcePage(String baseUrl, String sourceId) {
    return baseUrl.replaceAll("/+$", "") + "/#/source/" + encodeUriComponent(sourceId);
  }

  /**
   * JavaScript's {@code encodeURIComponent}: UTF-8, every byte but letters, digits and {@code
   * -_.!~*'()} escaped.
   */
  static String encodeUriComponent(String text) {
    StringBuilder encoded = new StringBuilder(text.length() + 16);
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || UNRESERVED.indexOf(c) >= 0)) {
        encoded.append(c);
      } else {
        encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
      }
    }
    return encoded.toString();
  }
}

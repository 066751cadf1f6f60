package org.dsa110.contimg.products;

import java.util.Locale;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;

/**
 * The times a request carries, checked against each other and against what is recorded, within
 * {@code products.time_tolerance_seconds}. Every MJD here is UTC without leap seconds (a day is
 * 86,400 s), so an MJD and a Unix time name the same instant by {@link Mjd#toUnixSeconds}. An audit
 * found a photometry batch 100 days from its image's Measurement Set accepted, a pointing sample
 * whose timestamp and MJD disagreed by a day stored, and an MS whose start came after its end.
 */
record TimeChecks(double toleranceSeconds) {
  private static final double SECONDS_PER_DAY = 86_400.0;

  private double toleranceDays() {
    return toleranceSeconds / SECONDS_PER_DAY;
  }

  /** An MS's start, mid and end, as they will be stored (any may be unknown): in that order. */
  void msWindow(Double start, Double mid, Double end) {
    if (start != null && end != null && end < start) {
      throw HubException.badRequest(
          "end_mjd", "must not be before start_mjd (" + start + "), got " + end);
    }
    if (mid != null && start != null && mid < start - toleranceDays()) {
      throw HubException.badRequest(
          "mid_mjd", "must not be before start_mjd (" + start + "), got " + mid);
    }
    if (mid != null && end != null && mid > end + toleranceDays()) {
      throw HubException.badRequest(
          "mid_mjd", "must not be after end_mjd (" + end + "), got " + mid);
    }
  }

  /**
   * A photometry batch's MJD against its image's MS: within its window (or its mid time, when only
   * that is known), give or take the tolerance. A mosaic spans many MSs, and an MS without times
   * has nothing to check against.
   */
  void photometryMjd(double mjd, String imageType, Double start, Double mid, Double end) {
    if ("mosaic".equals(imageType)) {
      return;
    }
    double from = start != null ? start : mid != null ? mid : Double.NaN;
    double to = end != null ? end : mid != null ? mid : Double.NaN;
    if (Double.isNaN(from) || Double.isNaN(to)) {
      return;
    }
    double outsideDays = Math.max(from - mjd, mjd - to);
    if (outsideDays > toleranceDays()) {
      throw HubException.badRequest(
          "mjd",
          String.format(
              Locale.ROOT,
              "MJD %s lies %.0f s outside its image's Measurement Set (%s to %s; tolerance %.0f s)",
              mjd,
              outsideDays * SECONDS_PER_DAY,
              from,
              to,
              toleranceSeconds));
    }
  }

  /** A pointing sample's timestamp (Unix seconds) and MJD name the same instant. */
  void pointing(String field, double timestamp, double mjd) {
    double apartSeconds = Math.abs(Mjd.toUnixSeconds(mjd) - timestamp);
    if (apartSeconds > toleranceSeconds) {
      throw HubException.badRequest(
          field,
          String.format(
              Locale.ROOT,
              "MJD %s is %.0f s from timestamp %s (tolerance %.0f s)",
              mjd,
              apartSeconds,
              timestamp,
              toleranceSeconds));
    }
  }
}

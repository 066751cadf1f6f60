package org.dsa110.contimg.deploy.legacy;

/**
 * What the imported photometry says of one source: where it is (its newest measurement), how often
 * it was measured and when last. These are variability_stats' identity columns, which the owner
 * keeps as measurements arrive; the statistics themselves are the owner's to compute.
 */
final class MeasuredSource {
  double raDeg;
  double decDeg;
  Double nvssFluxMjy;
  long count;
  Double lastMjd;
  double lastMeasuredAt = Double.NEGATIVE_INFINITY;

  void add(double ra, double dec, Double nvss, Double mjd, double measuredAt) {
    boolean newest = measuredAt >= lastMeasuredAt;
    if (newest) {
      raDeg = ra;
      decDeg = dec;
      lastMeasuredAt = measuredAt;
    }
    if (nvss != null && (newest || nvssFluxMjy == null)) {
      nvssFluxMjy = nvss;
    }
    if (mjd != null && (lastMjd == null || mjd > lastMjd)) {
      lastMjd = mjd;
    }
    count++;
  }
}

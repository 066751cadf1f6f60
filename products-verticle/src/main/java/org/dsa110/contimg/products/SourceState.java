package org.dsa110.contimg.products;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The running statistics of one source, updated one measurement at a time in O(1) (Welford's method: running
 * mean and sum of squared deviations, unweighted and weighted by w = 1/sigma^2). Fluxes are in mJy. A
 * measurement without an error counts in the unweighted statistics only.
 */
final class SourceState {
  final String sourceId;
  long n;
  double mean;
  double m2;
  long nWeighted;
  double sumW;
  double meanW;
  double sW;
  double minFlux = Double.POSITIVE_INFINITY;
  double maxFlux = Double.NEGATIVE_INFINITY;
  double lastMjd = Double.NEGATIVE_INFINITY;
  double lastFlux;
  Double lastErr;

  SourceState(String sourceId) {
    this.sourceId = sourceId;
  }

  /** One measurement: flux and error in mJy (error null or not positive: unweighted only). */
  record Point(double fluxMjy, Double errMjy, double mjd) {
    static Point of(double peakJyb, Double peakErrJyb, double mjd) {
      return new Point(peakJyb * 1000, peakErrJyb == null ? null : peakErrJyb * 1000, mjd);
    }

    boolean weighted() {
      return errMjy != null && errMjy > 0;
    }
  }

  /** What adding a point showed: the previous point in time, when this one is newer than it. */
  record Step(Point previous, Point current) {
  }

  Step add(Point p) {
    n++;
    double delta = p.fluxMjy() - mean;
    mean += delta / n;
    m2 += delta * (p.fluxMjy() - mean);
    if (p.weighted()) {
      double w = 1 / (p.errMjy() * p.errMjy());
      nWeighted++;
      sumW += w;
      double deltaW = p.fluxMjy() - meanW;
      meanW += w / sumW * deltaW;
      sW += w * deltaW * (p.fluxMjy() - meanW);
    }
    minFlux = Math.min(minFlux, p.fluxMjy());
    maxFlux = Math.max(maxFlux, p.fluxMjy());
    Step step = null;
    if (p.mjd() > lastMjd) {
      if (n > 1) {
        step = new Step(new Point(lastFlux, lastErr, lastMjd), p);
      }
      lastMjd = p.mjd();
      lastFlux = p.fluxMjy();
      lastErr = p.errMjy();
    }
    return step;
  }

  /** Sample standard deviation (N - 1); null below two measurements. */
  Double std() {
    return n < 2 ? null : Math.sqrt(Math.max(0, m2 / (n - 1)));
  }

  /** Reduced chi-square of a constant model about the weighted mean; null below two weighted measurements. */
  Double chi2Nu() {
    return nWeighted < 2 ? null : sW / (nWeighted - 1);
  }

  /** The largest excursion from the mean in units of the standard deviation; null when the scatter is zero. */
  Double sigmaDeviation() {
    Double std = std();
    return std == null || std == 0 ? null : Math.max(Math.abs(maxFlux - mean), Math.abs(minFlux - mean)) / std;
  }

  static final String COLUMNS = "source_id, n, mean, m2, n_weighted, sum_w, mean_w, s_w, min_flux, max_flux, last_mjd, last_flux, last_err";

  static SourceState from(Row row) {
    SourceState state = new SourceState(row.getString("source_id"));
    state.n = row.getLong("n");
    state.mean = row.getDouble("mean");
    state.m2 = row.getDouble("m2");
    state.nWeighted = row.getLong("n_weighted");
    state.sumW = row.getDouble("sum_w");
    state.meanW = row.getDouble("mean_w");
    state.sW = row.getDouble("s_w");
    state.minFlux = row.getDouble("min_flux");
    state.maxFlux = row.getDouble("max_flux");
    state.lastMjd = row.getDouble("last_mjd");
    state.lastFlux = row.getDouble("last_flux");
    state.lastErr = row.getDouble("last_err");
    return state;
  }

  Tuple toTuple() {
    return Tuple.of(sourceId, n, mean, m2, nWeighted, sumW, meanW, sW, minFlux, maxFlux, lastMjd, lastFlux, lastErr);
  }
}

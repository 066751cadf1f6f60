package org.dsa110.contimg.products;

import org.dsa110.contimg.products.variability.ImageScale;
import org.dsa110.contimg.products.variability.Point;

/**
 * A photometry row as the science sees it: flux in mJy on the common scale, and its thermal error:
 * the row's own peak_err_jyb, or else its image's rms noise. A row with non-zero quality flags has
 * no usable error: it is kept and shown, but counts only in the unweighted statistics and never in
 * a detector.
 */
final class PhotometryPoints {
  private PhotometryPoints() {}

  /** The row's thermal error in mJy, or NaN when it has none usable. */
  static double thermalErrMjy(Double peakErrJyb, Double imageNoiseJy, long flags) {
    if (flags != 0) {
      return Double.NaN;
    }
    Double err = peakErrJyb != null ? peakErrJyb : imageNoiseJy;
    return err != null && err > 0 ? err * 1000 : Double.NaN;
  }

  static Point point(
      ImageScale scale,
      double mjd,
      double peakJyb,
      Double peakErrJyb,
      Double imageNoiseJy,
      long flags) {
    return scale.normalise(mjd, peakJyb * 1000, thermalErrMjy(peakErrJyb, imageNoiseJy, flags));
  }
}

package org.dsa110.contimg.products.variability;

/**
 * One measurement on the common flux scale: MJD, flux and its 1-sigma error in mJy (NaN: no error
 * known).
 */
public record Point(double mjd, double fluxMjy, double errMjy) {
  public boolean weighted() {
    return errMjy > 0;
  }

  public double weight() {
    return 1 / (errMjy * errMjy);
  }
}

package org.dsa110.contimg.products.variability;

/**
 * How one image's fluxes are put on the common scale: divided by its gain (measured flux over true
 * flux), with the gain's own uncertainty and the fractional systematic floor that every error of
 * the image receives.
 */
public record ImageScale(double gain, double gainErr, double floor) {
  /** No correction: raw fluxes, with only the floor added to their errors. */
  public static ImageScale unit(double floor) {
    return new ImageScale(1, 0, floor);
  }

  /**
   * A measurement on the common scale. The error combines, in quadrature, the measurement's own
   * (thermal) error, the gain's uncertainty and the floor, both proportional to the flux: sigma'^2
   * = (sigma / g)^2 + (F' sigma_g / g)^2 + (f F')^2 with F' = F / g. Without a thermal error the
   * point has none (NaN): it then counts only in the unweighted statistics.
   */
  public Point normalise(double mjd, double fluxMjy, double errMjy) {
    double flux = fluxMjy / gain;
    if (!(errMjy > 0)) {
      return new Point(mjd, flux, Double.NaN);
    }
    double thermal = errMjy / gain;
    double fromGain = Math.abs(flux) * gainErr / gain;
    double systematic = floor * Math.abs(flux);
    return new Point(
        mjd, flux, Math.sqrt(thermal * thermal + fromGain * fromGain + systematic * systematic));
  }
}

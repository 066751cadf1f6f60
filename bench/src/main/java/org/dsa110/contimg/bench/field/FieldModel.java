package org.dsa110.contimg.bench.field;

/**
 * What a simulated DSA-110 field looks like: how many fields are imaged once a day and for how
 * long, the sources in each, the systematics every image has (a common gain error per image, slow
 * gain drifts, a per-source residual, thermal noise at the image's rms), the catalogue's view of
 * the sources, and the extreme scattering events injected into some of them (dips and rises, 10-50%
 * deep, 14-180 days long, with caustic brightenings at the edges of dips), some into reference
 * sources; some images arrive late.
 */
public record FieldModel(
    long seed,
    int fields,
    int sourcesPerField,
    int days,
    double gainErrorSigma,
    double driftAmplitude,
    double badImageFraction,
    double residualFraction,
    double noiseMjy,
    double minFluxMjy,
    double maxFluxMjy,
    double eventFraction,
    double riseFraction,
    double lateFraction,
    double nvssScatter) {

  /**
   * The field of the measurement, larger: 12 fields of 600 sources for 150 days, 5% gain
   * errors.
   */
  public static FieldModel standard(long seed) {
    return new FieldModel(
        seed, 12, 600, 150, 0.05, 0.03, 0.02, 0.01, 1.0, 4.0, 3000.0, 0.15, 0.25, 0.03, 0.07);
  }

  /**
   * Harsher than the standard field in every systematic: 8% gain errors, 5% drifts, 5% bad images,
   * a 2% per-source residual, a brighter population (where the residual, not thermal noise,
   * dominates), a 15% NVSS mismatch, and 10% of images late.
   */
  public static FieldModel harsh(long seed) {
    return new FieldModel(
        seed, 10, 500, 150, 0.08, 0.05, 0.05, 0.02, 1.0, 10.0, 5000.0, 0.15, 0.25, 0.10, 0.15);
  }

  public FieldModel withSize(int fields, int sourcesPerField, int days) {
    return new FieldModel(
        seed,
        fields,
        sourcesPerField,
        days,
        gainErrorSigma,
        driftAmplitude,
        badImageFraction,
        residualFraction,
        noiseMjy,
        minFluxMjy,
        maxFluxMjy,
        eventFraction,
        riseFraction,
        lateFraction,
        nvssScatter);
  }
}

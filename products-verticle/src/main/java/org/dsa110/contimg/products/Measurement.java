package org.dsa110.contimg.products;

import java.util.Set;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.Sky;

/** One forced-photometry measurement of a batch, validated. */
record Measurement(
    String sourceId,
    double raDeg,
    double decDeg,
    Double nvssFluxMjy,
    double peakJyb,
    Double peakErrJyb,
    Double snr,
    Double sepFromCenterDeg,
    long flags) {

  private static final Set<String> FIELDS =
      Set.of(
          "source_id",
          "ra_deg",
          "dec_deg",
          "nvss_flux_mjy",
          "peak_jyb",
          "peak_err_jyb",
          "snr",
          "sep_from_center_deg",
          "flags");

  static Measurement parse(Fields fields) {
    fields.allowOnly(FIELDS);
    return new Measurement(
        fields.requiredString("source_id"),
        Sky.ra(fields, "ra_deg"),
        Sky.dec(fields, "dec_deg"),
        fields.optionalNonNegative("nvss_flux_mjy").orElse(null),
        fields.requiredDouble("peak_jyb"),
        fields.optionalPositive("peak_err_jyb").orElse(null),
        fields.optionalDouble("snr").orElse(null),
        fields.optionalNonNegative("sep_from_center_deg").orElse(null),
        fields.optionalLong("flags", 0, Integer.MAX_VALUE).orElse(0L));
  }

  static final String INSERT =
      "INSERT INTO photometry (image_path, source_id, ra_deg, dec_deg, nvss_flux_mjy, peak_jyb, "
          + "peak_err_jyb, snr, measured_at, mjd, sep_from_center_deg, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  Object[] row(String imagePath, double measuredAt, double mjd) {
    return new Object[] {
      imagePath,
      sourceId,
      raDeg,
      decDeg,
      nvssFluxMjy,
      peakJyb,
      peakErrJyb,
      snr,
      measuredAt,
      mjd,
      sepFromCenterDeg,
      flags
    };
  }
}

package org.dsa110.contimg.deploy.legacy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The pipeline recorded its CASA images in {@code images} (root.image, root.pbcor,
 * root.image.pbcor, root.residual) but measured photometry on their FITS exports (root.fits,
 * root.pbcor.fits), which no images row names. The hub keeps photometry only of an image it knows,
 * so such an export gets an images row of its own, taken from the CASA image it was exported from
 * (same MS, beam, noise, field), rather than its measurements being lost.
 */
final class FitsExports {
  private static final List<String> CASA_SUFFIXES =
      List.of(".image.pbcor", ".pbcor", ".image", ".residual", ".model", "");

  private FitsExports() {}

  /**
   * The images row for a FITS file photometry names, from its CASA image; empty when no recorded
   * image matches.
   */
  static Optional<Map<String, Object>> imageFor(TargetWriter writer, String fitsPath)
      throws SQLException {
    String lower = fitsPath.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".fits")) {
      return Optional.empty();
    }
    String stripped = fitsPath.substring(0, fitsPath.length() - ".fits".length());
    boolean pbcor = stripped.endsWith(".pbcor");
    String root = stripped;
    for (String suffix : CASA_SUFFIXES) {
      if (!suffix.isEmpty() && root.endsWith(suffix)) {
        root = root.substring(0, root.length() - suffix.length());
        break;
      }
    }
    List<String> preferred = new ArrayList<>();
    preferred.add(stripped);
    if (pbcor) {
      preferred.addAll(List.of(root + ".image.pbcor", root + ".pbcor"));
    }
    preferred.addAll(List.of(root + ".image", root));
    for (String candidate : preferred) {
      Object[] found = {null};
      writer.forEach(
          "SELECT path, ms_path, created_at, beam_major_arcsec, beam_minor_arcsec, beam_pa_deg, noise_jy, dynamic_range, field_name, "
              + "center_ra_deg, center_dec_deg, imsize_x, imsize_y, cellsize_arcsec, freq_ghz, bandwidth_mhz, integration_sec FROM images WHERE path = ?",
          row -> found[0] = row,
          candidate);
      if (found[0] != null) {
        Object[] row = (Object[]) found[0];
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("path", fitsPath);
        values.put("ms_path", row[1]);
        values.put("created_at", row[2]);
        values.put("type", pbcor ? "pbcor" : "image");
        values.put("format", "fits");
        values.put("beam_major_arcsec", row[3]);
        values.put("beam_minor_arcsec", row[4]);
        values.put("beam_pa_deg", row[5]);
        values.put("noise_jy", row[6]);
        values.put("dynamic_range", row[7]);
        values.put("pbcor", pbcor ? 1 : 0);
        values.put("field_name", row[8]);
        values.put("center_ra_deg", row[9]);
        values.put("center_dec_deg", row[10]);
        values.put("imsize_x", row[11]);
        values.put("imsize_y", row[12]);
        values.put("cellsize_arcsec", row[13]);
        values.put("freq_ghz", row[14]);
        values.put("bandwidth_mhz", row[15]);
        values.put("integration_sec", row[16]);
        return Optional.of(values);
      }
    }
    return Optional.empty();
  }
}

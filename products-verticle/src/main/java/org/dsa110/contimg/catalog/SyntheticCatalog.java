package org.dsa110.contimg.catalog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Writes a synthetic crossmatched catalogue for tests, benchmarks and the demo: positions uniform
 * on the sphere north of Dec -40°, NVSS fluxes from a Euclidean power law N(>S) ∝ S^-1.5 above 2.5
 * mJy, signal-to-noise from the NVSS noise (0.45 mJy), spectral indices around -0.7 (one in ten
 * unknown), VLASS fluxes from them, and a few per cent resolved or confused sources. The same seed
 * writes the same file.
 */
public final class SyntheticCatalog {
  private static final double MIN_DEC = -40;
  private static final double MIN_FLUX_JY = 0.0025;
  private static final double NVSS_NOISE_JY = 0.00045;

  private SyntheticCatalog() {}

  public static void write(Path file, long rows, long seed) throws IOException {
    Random random = new Random(seed);
    Set<String> names = new HashSet<>();
    double sinMin = Math.sin(Math.toRadians(MIN_DEC));
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", CatalogRow.COLUMNS));
      out.newLine();
      for (long i = 0; i < rows; i++) {
        double ra = random.nextDouble() * 360;
        double dec = Math.toDegrees(Math.asin(sinMin + random.nextDouble() * (1 - sinMin)));
        double flux = MIN_FLUX_JY * Math.pow(1 - random.nextDouble(), -1 / 1.5);
        double snr = flux / NVSS_NOISE_JY * (0.9 + 0.2 * random.nextDouble());
        Double alpha = random.nextDouble() < 0.1 ? null : -0.7 + 0.35 * random.nextGaussian();
        Double vlass = alpha == null ? null : flux * Math.pow(3.0 / 1.4, alpha);
        boolean resolved = random.nextDouble() < 0.05;
        boolean confused = random.nextDouble() < 0.03;
        String name = name(ra, dec);
        if (!names.add(name)) {
          name = name + "_" + i;
          names.add(name);
        }
        out.write(
            String.format(
                Locale.ROOT,
                "%s,%.6f,%.6f,%.6f,%.2f,%s,%s,%d,%d,%s,%s,%s",
                name,
                ra,
                dec,
                flux,
                snr,
                vlass == null ? "" : String.format(Locale.ROOT, "%.6f", vlass),
                alpha == null ? "" : String.format(Locale.ROOT, "%.3f", alpha),
                resolved ? 1 : 0,
                confused ? 1 : 0,
                resolved ? String.format(Locale.ROOT, "%.2f", 5 + 20 * random.nextDouble()) : "",
                resolved ? String.format(Locale.ROOT, "%.2f", 2 + 5 * random.nextDouble()) : "",
                resolved ? String.format(Locale.ROOT, "%.1f", 180 * random.nextDouble()) : ""));
        out.newLine();
      }
    }
  }

  /** An NVSS-style name from the position: NVSS Jhhmmss.ss+ddmmss.s. */
  static String name(double ra, double dec) {
    double hours = ra / 15;
    int h = (int) hours;
    int m = (int) ((hours - h) * 60);
    double s = ((hours - h) * 60 - m) * 60;
    double absDec = Math.abs(dec);
    int d = (int) absDec;
    int dm = (int) ((absDec - d) * 60);
    double ds = ((absDec - d) * 60 - dm) * 60;
    return String.format(
        Locale.ROOT,
        "NVSS J%02d%02d%05.2f%s%02d%02d%04.1f",
        h,
        m,
        s,
        dec < 0 ? "-" : "+",
        d,
        dm,
        ds);
  }
}

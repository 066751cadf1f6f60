package org.dsa110.contimg.deploy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The demo's stand-in for a mosaic's PNG preview: the field's sources as beam-sized blobs on
 * thermal noise, drawn on an asinh stretch the way a quick-look image would be.
 */
final class MosaicPreview {
  private static final int SIZE = 256;
  private static final double BEAM_PIXELS = 1.6;

  private MosaicPreview() {}

  /**
   * Writes the preview of sources at (x, y) in [0, 1) with the given fluxes (Jy) and returns the
   * file. The noise level is in Jy; the seed makes two previews of the same hour look alike.
   */
  static Path write(Path file, double[] x, double[] y, double[] fluxJy, double noiseJy, long seed)
      throws IOException {
    double[][] sky = new double[SIZE][SIZE];
    Random random = new Random(seed);
    for (double[] row : sky) {
      for (int i = 0; i < SIZE; i++) {
        row[i] = random.nextGaussian() * noiseJy;
      }
    }
    for (int s = 0; s < fluxJy.length; s++) {
      addBlob(sky, x[s] * SIZE, y[s] * SIZE, fluxJy[s]);
    }
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    double scale = 3 * noiseJy;
    double top = asinh(0.2 / scale);
    for (int row = 0; row < SIZE; row++) {
      for (int col = 0; col < SIZE; col++) {
        double level = Math.max(0, Math.min(1, asinh(sky[row][col] / scale) / top));
        image.setRGB(col, row, heat(level));
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static void addBlob(double[][] sky, double cx, double cy, double flux) {
    int reach = (int) Math.ceil(3 * BEAM_PIXELS);
    for (int row = (int) cy - reach; row <= (int) cy + reach; row++) {
      for (int col = (int) cx - reach; col <= (int) cx + reach; col++) {
        if (row >= 0 && row < SIZE && col >= 0 && col < SIZE) {
          double r2 = (row - cy) * (row - cy) + (col - cx) * (col - cx);
          sky[row][col] += flux * Math.exp(-r2 / (2 * BEAM_PIXELS * BEAM_PIXELS));
        }
      }
    }
  }

  private static double asinh(double v) {
    return Math.log(v + Math.sqrt(v * v + 1));
  }

  /** Black through red and yellow to white. */
  private static int heat(double level) {
    int r = (int) (255 * Math.min(1, level * 2.2));
    int g = (int) (255 * Math.max(0, Math.min(1, level * 2.2 - 0.8)));
    int b = (int) (255 * Math.max(0, level * 3 - 2));
    return (r << 16) | (g << 8) | b;
  }
}

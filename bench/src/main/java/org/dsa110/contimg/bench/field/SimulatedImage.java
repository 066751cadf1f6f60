package org.dsa110.contimg.bench.field;

import java.util.List;

/**
 * One image of a field as a photometry worker reports it: where it is, when, its rms, and its
 * measurements.
 */
public record SimulatedImage(
    String path,
    String msPath,
    int field,
    double mjd,
    double centreRaDeg,
    double centreDecDeg,
    double noiseMjy,
    double gain,
    List<Row> rows) {

  /** One forced-photometry measurement: flux and thermal error in mJy (what workers send), S/N. */
  public record Row(
      SimulatedSource source, double fluxMjy, double errMjy, double snr, double sepFromCentreDeg) {}
}

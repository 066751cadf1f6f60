package org.dsa110.contimg.bench.field;

/**
 * A source of the simulated sky: its true 1.4 GHz flux, what the catalogue says of it (NVSS flux
 * and S/N, whether compact and unconfused), and the event injected into it, if any.
 */
public record SimulatedSource(
    String sourceId,
    int field,
    double raDeg,
    double decDeg,
    double trueFluxMjy,
    double nvssMjy,
    double nvssSnr,
    boolean resolved,
    boolean confused,
    InjectedEvent event) {
  /**
   * In the catalogue's final_references view: NVSS S/N >= 10, compact, unconfused (alpha is left
   * empty).
   */
  public boolean finalReference() {
    return nvssSnr >= 10 && !resolved && !confused;
  }

  public double fluxAt(double mjd) {
    return event == null ? trueFluxMjy : trueFluxMjy * event.factor(mjd);
  }
}

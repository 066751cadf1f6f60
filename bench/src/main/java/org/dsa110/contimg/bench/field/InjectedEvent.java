package org.dsa110.contimg.bench.field;

/**
 * An ESE-like event: a smooth-edged departure of fractional {@code depth} (negative: a dip) between
 * start and start + duration; a dip also has brief caustic brightenings of fractional height {@code
 * caustic} at its edges (the lens's focusing before and after the defocusing, Fiedler et al. 1987).
 */
public record InjectedEvent(double startMjd, double durationDays, double depth, double caustic) {
  public double endMjd() {
    return startMjd + durationDays;
  }

  public double midMjd() {
    return startMjd + durationDays / 2;
  }

  /** The factor the event multiplies the source's flux by at an MJD. */
  public double factor(double mjd) {
    double edge = Math.max(0.5, 0.08 * durationDays);
    double inside = 0.5 * (Math.tanh((mjd - startMjd) / edge) - Math.tanh((mjd - endMjd()) / edge));
    double width = Math.max(1, 0.05 * durationDays);
    double ingress = (mjd - startMjd) / width;
    double egress = (mjd - endMjd()) / width;
    double spikes = caustic * (Math.exp(-ingress * ingress) + Math.exp(-egress * egress));
    return 1 + depth * inside + spikes;
  }
}

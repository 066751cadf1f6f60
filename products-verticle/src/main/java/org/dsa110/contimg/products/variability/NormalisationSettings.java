package org.dsa110.contimg.products.variability;

import java.util.OptionalDouble;

/**
 * Ensemble normalisation's parameters: whether images are normalised at all, how many references an
 * image needs, which measurements may serve as references (signal-to-noise in the image), the clip,
 * how many accepted epochs make a reference's own baseline, and the systematic floor (empty:
 * measured, see {@link SystematicFloor}).
 */
public record NormalisationSettings(
    boolean enabled,
    int minReferences,
    double minReferenceSnr,
    double clipSigma,
    int baselineMinEpochs,
    OptionalDouble floor) {}

package org.dsa110.contimg.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnixTimeTest {
  @Test
  void nowIsTheCurrentInstantInUnixSecondsWithMilliseconds() {
    double before = Instant.now().toEpochMilli() / 1000.0;
    double now = UnixTime.now();
    double after = Instant.now().toEpochMilli() / 1000.0;
    assertThat(now).isBetween(before, after);
    assertThat(now).isCloseTo(Instant.now().getEpochSecond(), within(2.0));
  }
}

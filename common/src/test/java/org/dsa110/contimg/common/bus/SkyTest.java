package org.dsa110.contimg.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sexagesimal coordinates against conversions worked by hand: the written unit decides, never the
 * field alone.
 */
class SkyTest {

  @Test
  void rightAscensionsInHoursOrDegreesAsWritten() {
    Map<String, Double> known =
        Map.of(
            "12:30:00", 187.5,
            "12 30 00", 187.5,
            "12h30m00s", 187.5,
            "12h30m", 187.5,
            "12h30.5m", 187.625,
            "187d30m00s", 187.5,
            "187\u00b030'00\"", 187.5,
            "00:00:00.36", 0.0015,
            "23:59:59.9", 359.999583333);
    known.forEach(
        (text, degrees) ->
            assertThat(Sky.parseRa(text))
                .as(text)
                .hasValueSatisfying(v -> assertThat(v).isCloseTo(degrees, within(1e-6))));
    assertThat(Sky.parseRa("12d30m00s"))
        .as("degrees when it says d, not hours")
        .hasValueSatisfying(v -> assertThat(v).isCloseTo(12.5, within(1e-9)));
    assertThat(Sky.parseRa("188.7")).contains(188.7);
    for (String bad :
        new String[] {"24:00:00", "12:60:00", "12:30:60", "12h30.5m10s", "-01:00:00", "twelve"}) {
      assertThat(Sky.parseRa(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void declinationsInDegreesWithAnyMinusAndNeverInHours() {
    Map<String, Double> known =
        Map.of(
            "+42:03:12", 42.053333333,
            "42 03 12", 42.053333333,
            "42d03m12s", 42.053333333,
            "42\u00b003\u203212\u2033", 42.053333333,
            "-12:30:00", -12.5,
            "\u221212:30:00", -12.5,
            "-00:30:00", -0.5,
            "-12:30.5", -12.508333333,
            "\u221212.5", -12.5);
    known.forEach(
        (text, degrees) ->
            assertThat(Sky.parseDec(text))
                .as(text)
                .hasValueSatisfying(v -> assertThat(v).isCloseTo(degrees, within(1e-6))));
    assertThat(Sky.parseDec("12h30m00s")).as("a declination in hours is a mistake").isEmpty();
  }
}

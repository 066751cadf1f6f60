package org.dsa110.contimg.common.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Booleans as JSON, as the specification's SQLite integers, and as query strings. */
class FieldsBooleanTest {

  private static Optional<Boolean> read(Object value) {
    return Fields.of(new JsonObject().put("cal_applied", value)).optionalBoolean("cal_applied");
  }

  @Test
  void trueFalseOneAndZeroAreBooleansAndAnythingElseNamesTheField() {
    assertThat(read(true)).contains(true);
    assertThat(read(false)).contains(false);
    assertThat(read(1)).contains(true);
    assertThat(read(0)).contains(false);
    assertThat(read(1L)).contains(true);
    assertThat(read("1")).contains(true);
    assertThat(read("0")).contains(false);
    assertThat(read("true")).contains(true);
    assertThat(read(null)).isEmpty();
    for (Object bad : new Object[] {2, -1, 0.5, "yes", "TRUE", ""}) {
      assertThatThrownBy(() -> read(bad))
          .as(String.valueOf(bad))
          .isInstanceOf(HubException.class)
          .hasMessage("cal_applied: must be true, false, 1 or 0");
    }
  }
}

package org.dsa110.contimg.common.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhereTest {
  @Test
  void onlyTheGivenFiltersBecomeConditionsWithTheirArgumentsInOrderThenThePage() {
    Where where =
        new Where()
            .addIfPresent(Optional.of("failed"), "state = ?")
            .addIfPresent(Optional.empty(), "field_name = ?")
            .addIf(true, "mjd BETWEEN ? AND ?", 1.0, 2.0)
            .addIf(false, "pbcor = ?", 1);

    assertThat(where.sql()).isEqualTo(" WHERE state = ? AND mjd BETWEEN ? AND ?");
    assertThat(where.arguments(50, 0)).containsExactly("failed", 1.0, 2.0, 50, 0);
  }

  @Test
  void noFiltersIsNoClause() {
    assertThat(new Where().addIfPresent(Optional.empty(), "x = ?").sql()).isEmpty();
    assertThat(new Where().arguments()).isEmpty();
  }
}

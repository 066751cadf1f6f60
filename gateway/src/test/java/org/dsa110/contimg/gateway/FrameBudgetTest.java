package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameBudgetTest {
  @Test
  void framesThatDoNotFitWaitInOrderAndAreServedAsRoomFrees() {
    FrameBudget budget = new FrameBudget(100);
    List<String> granted = new ArrayList<>();
    assertThat(budget.reserve(60, () -> granted.add("first"))).isTrue();
    assertThat(budget.reserve(50, () -> granted.add("second"))).isFalse();
    Runnable third = () -> granted.add("third");
    assertThat(budget.reserve(10, third))
        .as("no overtaking a waiter, even when it would fit")
        .isFalse();
    budget.withdraw(third);
    budget.release(60);
    assertThat(granted).containsExactly("second");
    assertThat(budget.used()).isEqualTo(50);
    budget.release(50);
    assertThat(budget.used()).isZero();
  }
}

package org.dsa110.contimg.common.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BusOperationTest {

  @Test
  void theTableHoldsEveryOperationAddressAndNoOther() {
    Set<String> operations =
        Arrays.stream(Addresses.class.getFields())
            .filter(
                field ->
                    Modifier.isStatic(field.getModifiers())
                        && field.getType() == String.class
                        && !field.getName().startsWith("EVENTS_"))
            .map(BusOperationTest::constant)
            .collect(Collectors.toSet());
    assertThat(Arrays.stream(BusOperation.values()).map(BusOperation::address))
        .containsExactlyInAnyOrderElementsOf(operations);
  }

  @Test
  void eachOperationIsServedByTheOwnerItsAddressNames() {
    for (BusOperation operation : BusOperation.values()) {
      assertThat(operation.address())
          .as(operation.name())
          .startsWith(operation.owner().busName() + ".");
    }
  }

  @Test
  void browsersReachOnlyReadsAndTheBridgeNoInternalOperation() {
    assertThat(BusOperation.browserQueries())
        .allSatisfy(
            address ->
                assertThat(BusOperation.byAddress(address).orElseThrow().kind())
                    .isEqualTo(BusOperation.Kind.READ));
    assertThat(BusOperation.pipelineOperations())
        .doesNotContain(
            Addresses.PRODUCTS_ALERTS_ENQUEUE,
            Addresses.PRODUCTS_ALERTS_PENDING,
            Addresses.PRODUCTS_ALERTS_RECORD,
            Addresses.ALERTS_TEST,
            Addresses.CATALOG_IMPORT,
            Addresses.CATALOG_REFERENCES_AMONG);
    assertThat(BusOperation.pipelineOperations()).containsAll(BusOperation.browserQueries());
  }

  @Test
  void readinessProbesAreInternalAndUnknownAddressesReachNothing() {
    assertThat(BusOperation.reachOf(Addresses.health(Owner.INGEST)))
        .contains(BusOperation.Reach.INTERNAL);
    assertThat(BusOperation.reachOf(Addresses.CATALOG_IMPORT))
        .contains(BusOperation.Reach.INTERNAL);
    assertThat(BusOperation.reachOf(Addresses.INGEST_QUEUE_LIST))
        .contains(BusOperation.Reach.BROWSER);
    assertThat(BusOperation.reachOf("products\\..+")).isEmpty();
  }

  @Test
  void theWritesTheIssueFoundRegisteredAsReadsAreWrites() {
    assertThat(BusOperation.byAddress(Addresses.PRODUCTS_ALERTS_ENQUEUE).orElseThrow().kind())
        .isEqualTo(BusOperation.Kind.WRITE);
    assertThat(BusOperation.byAddress(Addresses.CATALOG_IMPORT).orElseThrow().kind())
        .isEqualTo(BusOperation.Kind.WRITE);
  }

  private static String constant(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}

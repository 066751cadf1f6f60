package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.BusOperation;
import org.junit.jupiter.api.Test;

/**
 * The README's tables and the Python client's operation list are the declarations rendered:
 * compared whole, cell by cell. After changing {@code openapi.yaml} or {@code BusOperation}, run
 * this test with {@code -Dcontract.write=true} to rewrite them, and read the diff.
 */
class ContractDocumentsTest {
  private static final boolean WRITE = Boolean.getBoolean("contract.write");

  @Test
  void theReadmesHttpTableIsTheContracts() throws Exception {
    check("http-operations", ContractTables.httpTable(ContractTables.contract()));
  }

  @Test
  void theReadmesBusTableIsBusOperations() throws Exception {
    check("bus-operations", ContractTables.busTable(ContractTables.contract()));
  }

  @Test
  void thePythonClientReadsTheSameTable() throws Exception {
    String expected = ContractTables.pythonOperations();
    if (WRITE) {
      Files.writeString(ContractTables.PYTHON_OPERATIONS, expected);
    }
    assertThat(ContractTables.read(ContractTables.PYTHON_OPERATIONS))
        .as(ContractTables.PYTHON_OPERATIONS + " (-Dcontract.write=true rewrites it)")
        .isEqualTo(expected);
  }

  /**
   * The hand-written bodies and replies of the bus section describe every operation of the table,
   * and no other.
   */
  @Test
  void theReadmesBodiesAndRepliesCoverEveryOperation() throws Exception {
    String readme = ContractTables.read(ContractTables.README);
    String bodies =
        readme.substring(
            readme.indexOf("| address | body | reply |"),
            readme.indexOf("The group state machine"));
    Set<String> described = new TreeSet<>();
    Matcher addresses =
        Pattern.compile("`([a-z_]+(?:\\.[a-z_]+)+)`")
            .matcher(bodies.replaceAll("(?m)^\\| ([^|]*)\\|.*$", "$1"));
    while (addresses.find()) {
      described.add(addresses.group(1));
    }
    Matcher shorthand =
        Pattern.compile("`products\\.alerts\\.enqueue`, `\\.pending`, `\\.record`, `\\.list`")
            .matcher(bodies);
    if (shorthand.find()) {
      described.addAll(
          Set.of("products.alerts.pending", "products.alerts.record", "products.alerts.list"));
    }
    described.removeIf(address -> address.startsWith("events."));
    Set<String> table = new TreeSet<>();
    for (BusOperation operation : BusOperation.values()) {
      table.add(operation.address());
    }
    assertThat(described).isEqualTo(table);
  }

  private static void check(String section, String expected) throws Exception {
    String readme = ContractTables.read(ContractTables.README);
    if (WRITE) {
      readme = ContractTables.withSection(readme, section, expected);
      Files.writeString(ContractTables.README, readme);
    }
    assertThat(ContractTables.section(readme, section))
        .as("README.md section " + section + " (-Dcontract.write=true rewrites it)")
        .isEqualTo(expected);
  }
}

package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * What leaves the gateway carries nothing a spreadsheet, a log reader or an anonymous prober could
 * misuse.
 */
class OutputNeutralisationTest {
  @Test
  void csvCellsThatWouldRunAsFormulasAreQuotedAndNumbersStayNumbers() {
    String csv =
        CsvTable.render(
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("a", "=1+1")
                        .put("b", "+x")
                        .put("c", "-y")
                        .put("d", "@z")
                        .put("e", "\tt")
                        .put("f", -30.5)
                        .put("g", "ok")));
    assertThat(csv.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo("'=1+1,'+x,'-y,'@z,'\tt,-30.5,ok");
  }

  @Test
  void logFieldsShowControlCharactersAndAreCut() {
    assertThat(LogSafe.field("a\r\nb\u001b[31m\u2028c\\"))
        .isEqualTo("a\\r\\nb\\u001b[31m\\u2028c\\\\");
    assertThat(LogSafe.field("x".repeat(1000))).hasSizeLessThan(300).endsWith("...(1000 chars)");
    assertThat(LogSafe.field(null)).isEqualTo("-");
  }

  @Test
  void readinessMessagesNameFilesNotPathsAndBadEscapesAreFound() {
    assertThat(
            ReadinessChecks.withoutPaths(
                "only 3 MB free on the disk of /data/state/ingest.sqlite3 (below sqlite.min_free_disk_mb 512)"))
        .isEqualTo(
            "only 3 MB free on the disk of ingest.sqlite3 (below sqlite.min_free_disk_mb 512)");
    assertThat(HttpEdge.badEscape("/api/v1/queue/%zz")).isEqualTo(14);
    assertThat(HttpEdge.badEscape("/a?b=%4")).isEqualTo(5);
    assertThat(HttpEdge.badEscape("/api/v1/sources/NVSS%20J1%2B2")).isEqualTo(-1);
  }
}

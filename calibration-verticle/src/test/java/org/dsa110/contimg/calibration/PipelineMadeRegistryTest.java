package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.testing.SeedSchema;
import org.junit.jupiter.api.Test;

/**
 * A cal_registry.sqlite3 made by the sqlite3 command line from the seed's DDL opens with its rows.
 */
class PipelineMadeRegistryTest extends CalibrationTestBase {

  @Test
  void aRegistryMadeBySqlite3OpensAndAnswers(Vertx vertx) throws Exception {
    SeedSchema.sqlite3(
        database(),
        SeedSchema.resource("db/calibration/001-seed.sql")
            + """
        INSERT INTO caltables (set_name, path, table_type, order_index, valid_start_mjd, valid_end_mjd, created_at, active)
          VALUES ('bp_3c286_60238', '/data/cal/60238.K', 'K', 0, 60238.0, 60238.5, 1697000000.25, 1),
                 ('bp_3c286_60238', '/data/cal/60238.BP', 'BP', 1, 60238.0, 60238.5, 1697000000.25, 1),
                 ('bp_3c286_60238', '/data/cal/60238.G', 'G', 2, 60238.0, 60238.5, 1697000000.25, 1),
                 ('old_set', '/data/cal/old.K', 'K', 0, 60230.0, 60231.0, 1696000000, 0);
        """);
    deploy(vertx, Map.of());

    JsonObject answer = activeAt(60238.25);
    assertThat(answer.getString("set_name")).isEqualTo("bp_3c286_60238");
    assertThat(answer.getJsonArray("tables")).hasSize(3);
    assertThat(answer.getJsonArray("tables").getJsonObject(0).getDouble("created_at"))
        .isEqualTo(1697000000.25);

    JsonObject old =
        request(vertx, Addresses.CAL_SET_GET, new JsonObject().put("set_name", "old_set"));
    assertThat(old.getBoolean("active")).isFalse();
    assertThat(old.getValue("retirement")).isNull();
    assertThat(request(vertx, Addresses.CAL_SET_LIST, new JsonObject()).getInteger("total"))
        .isEqualTo(2);
    SeedSchema.assertMatchesSeed(database(), "db/calibration/001-seed.sql", stateDir);
  }
}

package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.bus.Addresses.*;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MalformedCalibrationRequestTest extends CalibrationTestBase {
  record Case(String address, Object body, String field) {}

  private static JsonObject withTable(JsonObject table) {
    return new JsonObject().put("set_name", "s").put("tables", new JsonArray().add(table));
  }

  @Test
  void everyMalformedRequestIsA400NamingTheFieldAndWritesNothing(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
    register(set("kept", 60000.0, 60001.0));
    List<Case> cases =
        List.of(
            new Case(CAL_SET_REGISTER, new JsonObject().put("tables", new JsonArray()), "set_name"),
            new Case(CAL_SET_REGISTER, new JsonObject().put("set_name", "s"), "tables"),
            new Case(
                CAL_SET_REGISTER,
                new JsonObject().put("set_name", "s").put("tables", new JsonArray()),
                "tables"),
            new Case(
                CAL_SET_REGISTER,
                new JsonObject().put("set_name", "s").put("tables", new JsonArray().add("x")),
                "tables[0]"),
            new Case(CAL_SET_REGISTER, withTable(table("", "K", 60000, 60001)), "tables[0].path"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "Q", 60000, 60001)),
                "tables[0].table_type"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 60001, 60000)),
                "tables[0].valid_end_mjd"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 60000, 60000)),
                "tables[0].valid_end_mjd"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 1.7e9, 1.8e9)),
                "tables[0].valid_start_mjd"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 60000, 60001).put("valid_start_mjd", "yesterday")),
                "tables[0].valid_start_mjd"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 60000, 60001).put("order_index", -1)),
                "tables[0].order_index"),
            new Case(
                CAL_SET_REGISTER,
                withTable(table("/p", "K", 60000, 60001).put("colour", "red")),
                "tables[0].colour"),
            new Case(
                CAL_SET_REGISTER,
                new JsonObject()
                    .put("set_name", "s")
                    .put(
                        "tables",
                        new JsonArray()
                            .add(table("/p", "K", 60000, 60001))
                            .add(table("/p", "G", 60000, 60001))),
                "tables[1].path"),
            new Case(CAL_SET_REGISTER, set("s", 60000, 60001).put("replace", "yes"), "replace"),
            new Case(CAL_ACTIVE_AT, new JsonObject(), "mjd"),
            new Case(CAL_ACTIVE_AT, new JsonObject().put("mjd", "soon"), "mjd"),
            new Case(CAL_ACTIVE_AT, new JsonObject().put("mjd", -5), "mjd"),
            new Case(
                CAL_ACTIVE_AT, new JsonObject().put("mjd", 60000).put("fallback", 3), "fallback"),
            new Case(CAL_SET_RETIRE, new JsonObject().put("set_name", "kept"), "reason"),
            new Case(CAL_SET_RETIRE, new JsonObject().put("reason", "x"), "set_name"),
            new Case(CAL_SET_GET, new JsonObject(), "set_name"),
            new Case(CAL_SET_LIST, new JsonObject().put("type", "X"), "type"),
            new Case(CAL_SET_LIST, new JsonObject().put("active", "perhaps"), "active"),
            new Case(CAL_SET_LIST, new JsonObject().put("limit", 501), "limit"),
            new Case(
                CAL_COVERAGE,
                new JsonObject().put("start_mjd", 60001).put("end_mjd", 60000),
                "end_mjd"),
            new Case(
                CAL_COVERAGE,
                new JsonObject().put("start_mjd", 50000).put("end_mjd", 60000),
                "end_mjd"),
            new Case(CAL_COVERAGE, new JsonObject().put("end_mjd", 60000), "start_mjd"));
    for (Case c : cases) {
      assertFails(vertx, c.address(), c.body(), 400, c.field() + ":");
    }
    assertThat(count(database(), "SELECT COUNT(*) FROM caltables")).isEqualTo(3);
    assertThat(count(database(), "SELECT COUNT(*) FROM caltables WHERE active = 1")).isEqualTo(3);
  }
}

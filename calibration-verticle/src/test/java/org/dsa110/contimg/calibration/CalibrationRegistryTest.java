package org.dsa110.contimg.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.assertFails;
import static org.dsa110.contimg.common.testing.HubTest.count;
import static org.dsa110.contimg.common.testing.HubTest.request;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Callers;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalibrationRegistryTest extends CalibrationTestBase {

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    deploy(vertx, Map.of());
  }

  private static java.util.List<String> paths(JsonObject answer) {
    return answer.getJsonArray("tables").stream()
        .map(t -> ((JsonObject) t).getString("path"))
        .toList();
  }

  @Test
  void theWindowIncludesBothEdgesAndTablesComeInApplicationOrder() throws Exception {
    JsonObject registered = register(set("bp_3c286_60000", 60000.0, 60001.0));
    assertThat(registered.getBoolean("registered")).isTrue();

    for (double mjd : new double[] {60000.0, 60000.5, 60001.0}) {
      JsonObject answer = activeAt(mjd);
      assertThat(answer.getString("set_name")).isEqualTo("bp_3c286_60000");
      assertThat(answer.getBoolean("fallback")).isFalse();
      assertThat(paths(answer))
          .containsExactly(
              "/cal/bp_3c286_60000.K", "/cal/bp_3c286_60000.BP", "/cal/bp_3c286_60000.G");
      assertThat(
              answer.getJsonArray("tables").stream()
                  .map(t -> ((JsonObject) t).getLong("order_index"))
                  .toList())
          .as(
              "order_index defaults to the type's place in calibration.table_types (K, BA, BP, GA, GP, G, 2G, FLUX)")
          .containsExactly(0L, 2L, 5L);
    }
    assertFails(
        vertx,
        Addresses.CAL_ACTIVE_AT,
        new JsonObject().put("mjd", 59999.99).put("fallback", false),
        404,
        "59999.99");
    assertFails(
        vertx,
        Addresses.CAL_ACTIVE_AT,
        new JsonObject().put("mjd", 60001.01).put("fallback", false),
        404,
        "60001.01");
  }

  @Test
  void overlappingSetsTheNewestWinsAndTheOthersAreNamed() throws Exception {
    register(set("old", 60000.0, 60002.0));
    register(set("new", 60001.0, 60003.0));
    JsonObject both = activeAt(60001.5);
    assertThat(both.getString("set_name")).isEqualTo("new");
    assertThat(both.getJsonArray("overlapping_sets").getList()).containsExactly("old");
    JsonObject onlyOld = activeAt(60000.5);
    assertThat(onlyOld.getString("set_name")).isEqualTo("old");
    assertThat(onlyOld.getJsonArray("overlapping_sets")).isEmpty();
  }

  @Test
  void aRetiredSetIsNoLongerUsedAndRetiringTwiceChangesNothing() throws Exception {
    register(set("old", 60000.0, 60002.0));
    register(set("bad", 60001.0, 60003.0));
    JsonObject retired =
        request(
            vertx,
            Addresses.CAL_SET_RETIRE,
            new JsonObject().put("set_name", "bad").put("reason", "RFI in the bandpass"));
    assertThat(retired.getBoolean("retired")).isTrue();
    assertThat(activeAt(60001.5).getString("set_name")).isEqualTo("old");
    assertThat(
            request(
                    vertx,
                    Addresses.CAL_SET_RETIRE,
                    new JsonObject().put("set_name", "bad").put("reason", "again"))
                .getBoolean("retired"))
        .isFalse();

    JsonObject bad = request(vertx, Addresses.CAL_SET_GET, new JsonObject().put("set_name", "bad"));
    assertThat(bad.getBoolean("active")).isFalse();
    assertThat(bad.getJsonObject("retirement").getString("reason"))
        .isEqualTo("RFI in the bandpass");
    assertFails(
        vertx,
        Addresses.CAL_SET_RETIRE,
        new JsonObject().put("set_name", "nope").put("reason", "x"),
        404,
        "nope");
    assertFails(vertx, Addresses.CAL_SET_REGISTER, set("bad", 60001.0, 60003.0), 409, "retired");
    await()
        .until(
            () -> events.stream().filter(e -> "retired".equals(e.getString("type"))).count() == 1);
  }

  @Test
  void withoutAValidSetTheNearestWithinTheFallbackWindowIsMarked() throws Exception {
    register(set("near", 60000.0, 60001.0));
    JsonObject fallback = activeAt(60001.25);
    assertThat(fallback.getBoolean("fallback")).isTrue();
    assertThat(fallback.getString("set_name")).isEqualTo("near");
    assertThat(fallback.getDouble("distance_hours")).isCloseTo(6.0, within(1e-6));
    assertThat(paths(fallback)).hasSize(3);

    assertFails(
        vertx, Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", 60001.6), 404, "within 12.0 h");
  }

  @Test
  void onlyThePipelinesOwnLookupsAnnounceAMissingCalibrationOncePerHour() throws Exception {
    DeliveryOptions reader = new DeliveryOptions();
    DeliveryOptions pipeline = new DeliveryOptions().addHeader(Callers.HEADER, Callers.PIPELINE);
    for (double mjd : new double[] {60001.60, 60001.61, 60001.62}) {
      assertThat(lookupFailure(mjd, reader)).isEqualTo(404);
    }
    // 60001.600 and 60001.601 lie in one hour of MJD, 60001.65 in the next
    for (double mjd : new double[] {60001.600, 60001.601, 60001.65}) {
      assertThat(lookupFailure(mjd, pipeline)).isEqualTo(404);
    }
    await().until(() -> events.size() == 2);
    Thread.sleep(200);
    assertThat(events)
        .extracting(e -> e.getString("type"), e -> e.getDouble("mjd"))
        .containsExactly(tuple("missing", 60001.600), tuple("missing", 60001.65));
  }

  @Test
  void anIncompleteListIsAnnouncedForThePipelinesLookupsOnlyAndNamesWhatIsMissing()
      throws Exception {
    register(
        new JsonObject()
            .put("set_name", "bandpass_only")
            .put("tables", new JsonArray().add(table("/cal/bp", "BP", 60000.0, 60001.0))));
    await().until(() -> events.size() == 1);
    events.clear();
    JsonObject reader = activeAt(60000.5);
    assertThat(reader.getBoolean("complete")).isFalse();
    assertThat(reader.getJsonArray("missing").getList()).containsExactly("K", "G");
    assertThat(reader.getJsonArray("required_types").getList()).containsExactly("K", "BP", "G");
    Thread.sleep(200);
    assertThat(events).as("a reader's lookup announces nothing").isEmpty();

    DeliveryOptions pipeline = new DeliveryOptions().addHeader(Callers.HEADER, Callers.PIPELINE);
    for (double mjd : new double[] {60000.50, 60000.51, 60000.60}) {
      HubTest.await(
          vertx
              .eventBus()
              .request(Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", mjd), pipeline));
    }
    await().until(() -> events.size() == 2);
    Thread.sleep(200);
    assertThat(events)
        .extracting(
            e -> e.getString("type"),
            e -> e.getDouble("mjd"),
            e -> e.getJsonArray("missing").getList())
        .containsExactly(
            tuple("incomplete", 60000.50, List.of("K", "G")),
            tuple("incomplete", 60000.60, List.of("K", "G")));
  }

  @Test
  void thePipelinesTableTypesAndOpenEndedWindowsAreRegisteredAndAnUnknownTypeNamesTheAllowedOnes()
      throws Exception {
    JsonObject pipelineSet =
        new JsonObject()
            .put("set_name", "3c286_60999")
            .put(
                "tables",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("path", "/cal/k")
                            .put("table_type", "K")
                            .put("valid_start_mjd", 60998.5))
                    .add(
                        new JsonObject()
                            .put("path", "/cal/ba")
                            .put("table_type", "BA")
                            .put("valid_start_mjd", 60998.5)
                            .putNull("valid_end_mjd"))
                    .add(
                        new JsonObject()
                            .put("path", "/cal/bp")
                            .put("table_type", "BP")
                            .put("valid_start_mjd", 60998.5))
                    .add(
                        new JsonObject()
                            .put("path", "/cal/ga")
                            .put("table_type", "GA")
                            .put("valid_start_mjd", 60998.5))
                    .add(
                        new JsonObject()
                            .put("path", "/cal/g")
                            .put("table_type", "G")
                            .put("valid_start_mjd", 60998.5))
                    .add(
                        new JsonObject()
                            .put("path", "/cal/flux")
                            .put("table_type", "FLUX")
                            .put("valid_start_mjd", 60998.5)));
    assertThat(register(pipelineSet).getBoolean("registered")).isTrue();
    JsonObject later = activeAt(61200.0);
    assertThat(paths(later))
        .as("in application order, valid until superseded")
        .containsExactly("/cal/k", "/cal/ba", "/cal/bp", "/cal/ga", "/cal/g", "/cal/flux");
    assertThat(later.getBoolean("complete")).isTrue();
    assertThat(later.getJsonArray("tables").getJsonObject(0).getBoolean("open_ended")).isTrue();

    register(
        new JsonObject()
            .put("set_name", "next_k")
            .put(
                "tables",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("path", "/cal/k2")
                            .put("table_type", "K")
                            .put("valid_start_mjd", 61100.0)
                            .put("valid_end_mjd", 61101.0))));
    JsonObject superseded = activeAt(61200.0);
    assertThat(superseded.getJsonArray("missing").getList())
        .as("the open K ends where the next K begins")
        .containsExactly("K");
    assertThat(paths(activeAt(61100.5))).startsWith("/cal/k2");

    JsonObject unknown = set("odd", 60000.0, 60001.0);
    unknown.getJsonArray("tables").getJsonObject(0).put("table_type", "XX");
    assertFails(
        vertx,
        Addresses.CAL_SET_REGISTER,
        unknown,
        400,
        "tables[0].table_type: must be one of K, BA, BP, GA, GP, G, 2G, FLUX");
  }

  @Test
  void coverageSaysWhereListsAreCompletePartialOrMissingAndCanBeAskedPerType() throws Exception {
    register(set("full", 60000.0, 60001.0));
    register(
        new JsonObject()
            .put("set_name", "bp")
            .put("tables", new JsonArray().add(table("/cal/bp2", "BP", 60001.5, 60002.0))));
    JsonObject coverage =
        request(
            vertx,
            Addresses.CAL_COVERAGE,
            new JsonObject().put("start_mjd", 60000.0).put("end_mjd", 60003.0));
    assertThat(intervals(coverage, "covered")).containsExactly(List.of(60000.0, 60001.0));
    assertThat(intervals(coverage, "partial")).containsExactly(List.of(60001.5, 60002.0));
    assertThat(intervals(coverage, "missing"))
        .containsExactly(List.of(60001.0, 60001.5), List.of(60002.0, 60003.0));
    assertThat(intervals(coverage, "gaps")).containsExactly(List.of(60001.0, 60003.0));
    JsonObject bandpass =
        request(
            vertx,
            Addresses.CAL_COVERAGE,
            new JsonObject().put("start_mjd", 60000.0).put("end_mjd", 60003.0).put("type", "BP"));
    assertThat(intervals(bandpass, "covered"))
        .containsExactly(List.of(60000.0, 60001.0), List.of(60001.5, 60002.0));
    JsonObject fromTheEnd =
        request(
            vertx,
            Addresses.CAL_COVERAGE,
            new JsonObject().put("start_mjd", 60002.0).put("end_mjd", 60003.0));
    assertThat(intervals(fromTheEnd, "covered"))
        .as("no zero-length interval where a window ends at the range's start")
        .isEmpty();
  }

  private static List<List<Double>> intervals(JsonObject coverage, String kind) {
    return coverage.getJsonArray(kind).stream()
        .map(
            i ->
                List.of(
                    ((JsonObject) i).getDouble("start_mjd"), ((JsonObject) i).getDouble("end_mjd")))
        .toList();
  }

  private int lookupFailure(double mjd, DeliveryOptions options) throws Exception {
    return HubTest.await(
        vertx
            .eventBus()
            .request(Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", mjd), options)
            .map(reply -> 200)
            .recover(failure -> Future.succeededFuture(((ReplyException) failure).failureCode())));
  }

  @Test
  void aSetWithOneBadTableLeavesNothingBehind() throws Exception {
    JsonObject broken = set("broken", 60000.0, 60001.0);
    broken.getJsonArray("tables").getJsonObject(2).put("table_type", "X");
    assertFails(vertx, Addresses.CAL_SET_REGISTER, broken, 400, "tables[2].table_type");

    register(set("first", 60000.0, 60001.0));
    JsonObject clashing = set("second", 60002.0, 60003.0);
    clashing.getJsonArray("tables").add(table("/cal/first.K", "K", 60002.0, 60003.0));
    assertFails(vertx, Addresses.CAL_SET_REGISTER, clashing, 409, "tables[3].path /cal/first.K");
    assertThat(count(database(), "SELECT COUNT(*) FROM caltables")).isEqualTo(3);
    assertThat(count(database(), "SELECT COUNT(*) FROM caltables WHERE set_name = 'second'"))
        .isZero();
  }

  @Test
  void registeringTheSameSetAgainIsANoOpAndReplaceChangesIt() throws Exception {
    register(set("s", 60000.0, 60001.0));
    JsonObject again = register(set("s", 60000.0, 60001.0));
    assertThat(again.getBoolean("registered")).isFalse();
    assertThat(count(database(), "SELECT COUNT(*) FROM caltables")).isEqualTo(3);

    assertFails(vertx, Addresses.CAL_SET_REGISTER, set("s", 60000.0, 60002.0), 409, "replace");
    JsonObject replaced = register(set("s", 60000.0, 60002.0).put("replace", true));
    assertThat(replaced.getBoolean("registered")).isTrue();
    assertThat(activeAt(60001.5).getString("set_name")).isEqualTo("s");

    JsonObject smaller =
        new JsonObject()
            .put("set_name", "s")
            .put("replace", true)
            .put("tables", new JsonArray().add(table("/cal/s.K", "K", 60000.0, 60002.0)));
    register(smaller);
    assertThat(paths(activeAt(60001.0))).containsExactly("/cal/s.K");
    await()
        .until(
            () ->
                events.stream().filter(e -> "registered".equals(e.getString("type"))).count() == 3);
  }

  @Test
  void coverageReportsCoveredIntervalsAndGaps() throws Exception {
    register(set("a", 60000.0, 60001.0));
    register(set("b", 60000.5, 60002.0));
    register(set("c", 60003.0, 60004.0));
    register(set("retired", 60002.0, 60003.0));
    request(
        vertx,
        Addresses.CAL_SET_RETIRE,
        new JsonObject().put("set_name", "retired").put("reason", "bad"));

    JsonObject coverage =
        request(
            vertx,
            Addresses.CAL_COVERAGE,
            new JsonObject().put("start_mjd", 59999.0).put("end_mjd", 60005.0));
    assertThat(intervals(coverage.getJsonArray("covered")))
        .containsExactly("60000.0-60002.0", "60003.0-60004.0");
    assertThat(intervals(coverage.getJsonArray("gaps")))
        .containsExactly("59999.0-60000.0", "60002.0-60003.0", "60004.0-60005.0");
    assertThat(coverage.getDouble("covered_fraction")).isCloseTo(0.5, within(1e-9));
  }

  private static java.util.List<String> intervals(JsonArray array) {
    return array.stream()
        .map(
            i ->
                ((JsonObject) i).getDouble("start_mjd")
                    + "-"
                    + ((JsonObject) i).getDouble("end_mjd"))
        .toList();
  }

  @Test
  void listFiltersByActiveTypeAndRangeAndPaginates() throws Exception {
    register(set("a", 60000.0, 60001.0));
    register(set("b", 60010.0, 60011.0));
    register(
        new JsonObject()
            .put("set_name", "k-only")
            .put("tables", new JsonArray().add(table("/cal/k", "K", 60020.0, 60021.0))));
    request(
        vertx,
        Addresses.CAL_SET_RETIRE,
        new JsonObject().put("set_name", "a").put("reason", "superseded"));

    JsonObject all = request(vertx, Addresses.CAL_SET_LIST, new JsonObject());
    assertThat(all.getInteger("total")).isEqualTo(3);
    assertThat(all.getJsonArray("sets").getJsonObject(0).getString("set_name")).isEqualTo("k-only");
    assertThat(
            request(vertx, Addresses.CAL_SET_LIST, new JsonObject().put("active", true))
                .getInteger("total"))
        .isEqualTo(2);
    assertThat(
            request(vertx, Addresses.CAL_SET_LIST, new JsonObject().put("type", "BP"))
                .getInteger("total"))
        .isEqualTo(2);
    assertThat(
            request(
                    vertx,
                    Addresses.CAL_SET_LIST,
                    new JsonObject().put("start_mjd", 60005.0).put("end_mjd", 60015.0))
                .getJsonArray("sets")
                .getJsonObject(0)
                .getString("set_name"))
        .isEqualTo("b");
    JsonObject page =
        request(vertx, Addresses.CAL_SET_LIST, new JsonObject().put("limit", 1).put("offset", 1));
    assertThat(page.getJsonArray("sets")).hasSize(1);
    assertThat(page.getJsonArray("sets").getJsonObject(0).getString("set_name")).isEqualTo("b");
  }
}

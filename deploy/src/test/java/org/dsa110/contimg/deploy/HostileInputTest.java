package org.dsa110.contimg.deploy;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.testing.HubTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.dsa110.contimg.common.testing.HubTest.await;

/**
 * A table of hostile requests over HTTP and the TCP bridge: wrong types, NaN and infinities, huge numbers and
 * strings, SQL fragments, path traversal, invalid UTF-8, deeply nested JSON, unknown fields and addresses.
 * Each gets the right 4xx; no database changes; the hub is still ready afterwards.
 */
@ExtendWith(VertxExtension.class)
class HostileInputTest {
  private static final String TOKEN = "hostile";

  @TempDir
  Path stateDir;

  private record HttpCase(HttpMethod method, String uri, String token, Buffer body, Set<Integer> expected) {
  }

  private record BusCase(String address, Object body, int expected) {
  }

  private static HttpCase get(String uri, int... expected) {
    return new HttpCase(HttpMethod.GET, uri, null, null, statuses(expected));
  }

  private static HttpCase send(HttpMethod method, String uri, String token, Buffer body, int... expected) {
    return new HttpCase(method, uri, token, body, statuses(expected));
  }

  private static Set<Integer> statuses(int... expected) {
    Set<Integer> set = new java.util.HashSet<>();
    for (int status : expected) {
      set.add(status);
    }
    return set;
  }

  private static Buffer json(String text) {
    return Buffer.buffer(text);
  }

  private static String table(String startMjd) {
    return "{\"set_name\":\"s\",\"tables\":[{\"path\":\"/p\",\"table_type\":\"K\",\"valid_start_mjd\":" + startMjd + ",\"valid_end_mjd\":60001}]}";
  }

  @Test
  void everyHostileRequestGetsTheRight4xxAndChangesNothing(Vertx vertx) throws Exception {
    int port = HubHarness.freePort();
    int bridgePort = HubHarness.freePort();
    await(Hub.deployAll(vertx, HubTest.config(stateDir, Map.of("CONTIMG_HTTP_PORT", String.valueOf(port),
        "CONTIMG_BRIDGE_PORT", String.valueOf(bridgePort), "CONTIMG_API_TOKEN", TOKEN, "CONTIMG_BRIDGE_TOKEN", TOKEN))));
    HubTest.request(vertx, Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5"));
    Map<String, Long> before = snapshot();

    StringBuilder nested = new StringBuilder();
    nested.append("[".repeat(20_000)).append("]".repeat(20_000));
    List<HttpCase> http = List.of(
        get("/api/v1/queue?limit=-1", 400),
        get("/api/v1/queue?limit=1e99", 400),
        get("/api/v1/queue?limit=99999999999999999999", 400),
        get("/api/v1/queue?state=pending%27%3B%20DROP%20TABLE%20ingest_queue%3B--", 400),
        get("/api/v1/queue?offset=abc", 400),
        get("/api/v1/queue?bogus=1", 400),
        get("/api/v1/queue/..%2F..%2Fetc%2Fpasswd", 404),
        get("/api/v1/queue/%00", 400, 404),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("{"), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("[]"), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("null"), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("\"a string\""), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(nested.toString()), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, Buffer.buffer("x".repeat(10 * 1024 * 1024)), 413),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, Buffer.buffer(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("\"NaN\"")), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("1e308")), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json(table("NaN")), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("{\"set_name\":\"" + "s".repeat(5000) + "\",\"tables\":[]}"), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("{\"set_name\":\"s\",\"tables\":\"K\"}"), 400),
        send(HttpMethod.POST, "/api/v1/calibration/sets", TOKEN, json("{\"set_name\":\"s\",\"tables\":[],\"__proto__\":{}}"), 400),
        get("/api/v1/calibration/active?mjd=Infinity", 400),
        get("/api/v1/calibration/active?mjd=NaN", 400),
        get("/api/v1/calibration/coverage?start=1&end=999999", 400),
        get("/api/v1/artifacts?path=..%2F..%2Fetc%2Fpasswd", 404),
        get("/api/v1/catalog/cone?ra=abc&dec=1&radius=1", 400),
        get("/api/v1/catalog/cone?ra=1&dec=1&radius=1e9", 400),
        get("/api/v1/catalog/cone?ra=1%3BDROP&dec=1&radius=1", 400),
        send(HttpMethod.PATCH, "/api/v1/ese/candidates/abc", TOKEN, json("{\"status\":\"dismissed\",\"by\":\"x\"}"), 400),
        send(HttpMethod.PATCH, "/api/v1/ese/candidates/1", TOKEN, json("{\"status\":\"dismissed\"}"), 400),
        send(HttpMethod.POST, "/api/v1/ese/candidates", TOKEN, json("{\"source_id\":\"x\"}"), 400),
        send(HttpMethod.POST, "/api/v1/queue/x/retry", null, null, 401),
        send(HttpMethod.POST, "/api/v1/queue/x/retry", "guess", null, 403),
        send(HttpMethod.DELETE, "/api/v1/queue", TOKEN, null, 404, 405),
        get("/api/v1/images/-5", 400),
        get("/api/v1/images/1.5", 400),
        get("/api/v1/pointing?max_points=0", 400),
        get("/api/v1/variability?sort=loud", 400),
        get("/api/v1/ese/candidates?min_significance=abc", 400),
        get("/api/v1/ms?format=xml", 400));

    // every probe on a connection of its own, as an attacker's would be, so a probe the server answers before reading
    // its body (the 10 MiB 413) cannot leave a half-used connection to the next one; each wait is bounded and names
    // its probe, with the Vert.x threads' stacks if it ever hangs (it did, rarely, before: once in 3-10 runs, 30 s)
    HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false).setConnectTimeout(5_000));
    for (HttpCase c : http) {
      RequestOptions options = new RequestOptions().setMethod(c.method()).setHost("127.0.0.1").setPort(port).setURI(c.uri())
          .setIdleTimeout(15_000);
      if (c.token() != null) {
        options.putHeader("Authorization", "Bearer " + c.token());
      }
      int[] status = new int[1];
      Buffer body = HubTest.await(client.request(options).compose(r -> c.body() == null ? r.send() : r.send(c.body()))
          .compose(r -> {
            status[0] = r.statusCode();
            return r.body();
          }), 15, c.method() + " " + c.uri().substring(0, Math.min(120, c.uri().length())));
      assertThat(c.expected()).as(c.method() + " " + c.uri() + " answered " + status[0] + ": " + body).contains(status[0]);
      if (status[0] != 404 || body.length() > 0) {
        assertThat(new JsonObject(body).getInteger("error")).as(c.uri()).isEqualTo(status[0]);
      }
    }
    JsonObject injection = await(new HubHarness(vertx, port).get("/api/v1/sources?prefix=%27%20OR%201%3D1--")).body();
    assertThat(injection.getJsonArray("sources")).as("an SQL fragment is only data").isEmpty();

    List<BusCase> bridge = List.of(
        new BusCase(Addresses.INGEST_SUBBAND_ADD, new JsonObject(), 400),
        new BusCase(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", "x".repeat(1024 * 1024)), 400),
        new BusCase(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", "/d/2025-10-24T12:00:00_sb00.hdf5\u0000.txt"), 400),
        new BusCase(Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", "/i").put("mjd", 60000)
            .put("measurements", new JsonArray().add(new JsonObject().put("source_id", "s").put("ra_deg", 1).put("dec_deg", 1).put("peak_jyb", "NaN"))), 400),
        new BusCase(Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", "/i").put("mjd", 60000).put("measurements", "all of them"), 400),
        new BusCase(Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", "/i").put("mjd", 1e300).put("measurements", new JsonArray()), 400),
        new BusCase(Addresses.CAL_ACTIVE_AT, new JsonObject().put("mjd", new JsonArray().add(1).add(2)), 400),
        new BusCase(Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", "/x").put("stage", "exploded"), 400),
        new BusCase(Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", new JsonObject().put("$ne", 1)), 400),
        new BusCase(Addresses.CATALOG_CONE_SEARCH, new JsonObject().put("ra_deg", 1).put("dec_deg", 1).put("radius_deg", -0.0001), 400),
        new BusCase(Addresses.PRODUCTS_MOSAIC_ADD, new JsonObject().put("path", "/m").put("name", "m").put("start_mjd", 2).put("end_mjd", 1), 400),
        new BusCase(Addresses.INGEST_GROUP_FAIL, new JsonObject().put("group_id", "x").put("error", "y").put("retryable", "maybe"), 400),
        new BusCase(Addresses.PRODUCTS_POINTING_ADD, new JsonObject().put("timestamp", -1).put("ra_deg", 1).put("dec_deg", 1), 400),
        new BusCase(Addresses.PRODUCTS_QA_ADD, new JsonObject().put("group_id", "g").put("name", "n").put("path", "/p").put("category", "'; --"), 400));
    BridgeClient pipeline = await(BridgeClient.connect(vertx, bridgePort, TOKEN));
    List<String> failures = new ArrayList<>();
    for (BusCase c : bridge) {
      JsonObject reply = await(pipeline.request(c.address(), c.body() instanceof JsonObject json ? json : new JsonObject()));
      if (!"err".equals(reply.getString("type")) || reply.getInteger("failureCode") != c.expected()) {
        failures.add(c.address() + " " + reply.encode());
      }
    }
    assertThat(failures).isEmpty();
    pipeline.request("nowhere.at.all", new JsonObject());
    pipeline.request(Addresses.CATALOG_IMPORT, new JsonObject().put("path", "/etc/passwd"));
    await().atMost(Duration.ofSeconds(5)).until(() -> pipeline.received.stream().filter(f -> "access_denied".equals(f.getString("message"))).count() == 2);

    assertThat(http.size() + bridge.size() + 3).isGreaterThanOrEqualTo(50);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(await(new HubHarness(vertx, port).get("/health/ready")).status()).isEqualTo(200);
  }

  /** Row counts of every table of every database, read with connections of their own. */
  private Map<String, Long> snapshot() throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (String name : Backup.DATABASES) {
      Path file = stateDir.resolve(name);
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
           ResultSet tables = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
        List<String> names = new ArrayList<>();
        while (tables.next()) {
          names.add(tables.getString(1));
        }
        for (String table : names) {
          counts.put(name + "/" + table, HubTest.count(file, "SELECT COUNT(*) FROM " + table));
        }
      }
    }
    return counts;
  }
}

package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.deploy.HubHarness.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The jar's catalog sub-commands in a JVM of their own, then the catalogue over HTTP. */
@ExtendWith(VertxExtension.class)
class CatalogCliAndHttpTest {
  @TempDir Path dir;

  private String run(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CONTIMG_STATE_DIR", dir.resolve("state").toString());
    builder.environment().put("CONTIMG_LOG_LEVEL", "WARN");
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void generateImportThenSearchOverHttp(Vertx vertx) throws Exception {
    Path csv = dir.resolve("nvss.csv");
    assertThat(run("catalog", "generate", "--rows", "5000", csv.toString()))
        .contains("wrote 5000 sources");
    String imported = run("catalog", "import", csv.toString());
    assertThat(imported).contains("100% 5000/5000", "loaded 5000 of 5000 rows");
    assertThat(Files.exists(dir.resolve("state/catalogs/master_sources.sqlite3"))).isTrue();

    HubHarness http = HubHarness.startHub(vertx, dir.resolve("state"), Map.of());
    Response stats = await(http.get("/api/v1/catalog/stats"));
    assertThat(stats.body().getLong("sources")).isEqualTo(5000L);

    Response degrees =
        await(http.get("/api/v1/catalog/cone?ra=188.7&dec=42.05&radius=10&refs=good"));
    Response sexagesimal =
        await(http.get("/api/v1/catalog/cone?ra=12:34:48&dec=%2B42:03:00&radius=10&refs=good"));
    assertThat(degrees.body().getInteger("count"))
        .isPositive()
        .isEqualTo(sexagesimal.body().getInteger("count"));
    String id = degrees.body().getJsonArray("sources").getJsonObject(0).getString("source_id");
    Response one =
        await(
            http.get(
                "/api/v1/catalog/sources/"
                    + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20")));
    assertThat(one.body().getBoolean("good_reference")).isTrue();

    String table =
        await(http.text("/api/v1/catalog/cone?ra=188.7&dec=42.05&radius=10&format=csv")).body();
    assertThat(table.lines().findFirst().orElseThrow())
        .startsWith("source_id,ra_deg,dec_deg,s_nvss")
        .endsWith("separation_deg");
    Response bad = await(http.get("/api/v1/catalog/cone?ra=188.7&dec=95&radius=1"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().getString("message"))
        .as("named as the caller sent it")
        .startsWith("dec:");
  }
}

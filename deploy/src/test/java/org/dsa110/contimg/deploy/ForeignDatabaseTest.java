package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.dsa110.contimg.calibration.CalibrationVerticle;
import org.dsa110.contimg.catalog.CatalogVerticle;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.store.ForeignDatabaseException;
import org.dsa110.contimg.common.testing.HubTest;
import org.dsa110.contimg.gateway.GatewayVerticle;
import org.dsa110.contimg.ingest.IngestVerticle;
import org.dsa110.contimg.products.ProductsVerticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An owner pointed at a file of the pipeline's own layout does not start: one line names the file,
 * each table and what differs, and the import-legacy command; the file is left exactly as it was;
 * readiness never says UP.
 */
@ExtendWith(VertxExtension.class)
class ForeignDatabaseTest {
  @TempDir Path dir;

  private ForeignDatabaseException refusal(Vertx vertx, Supplier<OwnerVerticle> owner, String file)
      throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state.resolve("catalogs"));
    Path pipeline = LegacyFixtures.november(dir.resolve("pipeline"));
    Files.copy(pipeline.resolve(file), state.resolve(file));
    byte[] before = Files.readAllBytes(state.resolve(file));
    Throwable failure =
        catchThrowable(
            () ->
                await(
                    vertx.deployVerticle(
                        owner.get(),
                        new DeploymentOptions().setConfig(HubTest.config(state, Map.of())))));
    assertThat(failure).isInstanceOf(ForeignDatabaseException.class);
    assertThat(failure.getMessage())
        .contains(
            file.substring(file.lastIndexOf('/') + 1),
            "does not match the schema specification",
            "java -jar deploy/target/contimg-hub.jar import-legacy " + state.toAbsolutePath())
        .doesNotContain("\n");
    assertThat(Files.readAllBytes(state.resolve(file)))
        .as("the foreign file is not touched")
        .isEqualTo(before);
    return (ForeignDatabaseException) failure;
  }

  @Test
  void eachOwnerRefusesThePipelinesOwnFile(Vertx vertx) throws Exception {
    assertThat(refusal(vertx, IngestVerticle::new, "ingest.sqlite3").differences())
        .contains(
            "ingest_queue: missing column error_message, retry_count is NOT NULL (may be NULL in the specification)",
            "performance_metrics: missing columns id, conversion_time, concat_time, k_solve_time, bp_solve_time, g_solve_time, imaging_time, photometry_time",
            "subband_files: missing columns id, file_path, file_size, discovered_at, "
                + "its own column path is NOT NULL without a default (the hub's inserts leave it out)");
  }

  @Test
  void theCalibrationOwnerRefusesStatusInsteadOfActive(Vertx vertx) throws Exception {
    assertThat(refusal(vertx, CalibrationVerticle::new, "cal_registry.sqlite3").differences())
        .containsExactly(
            "caltables: missing column active, valid_start_mjd may be NULL (NOT NULL in the specification), valid_end_mjd may be NULL "
                + "(NOT NULL in the specification), its own column status is NOT NULL without a default (the hub's inserts leave it out)");
  }

  @Test
  void theProductsOwnerRefusesImagesWithoutAUniquePath(Vertx vertx) throws Exception {
    List<String> differences =
        refusal(vertx, ProductsVerticle::new, "products.sqlite3").differences();
    assertThat(differences)
        .contains("images: path is not UNIQUE", "qa_artifacts: missing columns type, category");
    assertThat(differences)
        .anyMatch(d -> d.startsWith("photometry: ") && d.contains("source_id may be NULL"));
  }

  @Test
  void theCatalogOwnerRefusesIntegerSourceIds(Vertx vertx) throws Exception {
    List<String> differences =
        refusal(vertx, CatalogVerticle::new, "catalogs/master_sources.sqlite3").differences();
    assertThat(differences)
        .anyMatch(
            d ->
                d.startsWith(
                        "sources: missing columns first_size_maj_arcsec, first_size_min_arcsec, first_size_pa_deg")
                    && d.contains("source_id is INTEGER, not TEXT"));
    assertThat(differences)
        .contains("view final_references: selects other rows than the specification's");
  }

  @Test
  void readinessIsNeverUpForAnOwnerThatCannotServe(Vertx vertx) throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.copy(
        LegacyFixtures.november(dir.resolve("pipeline")).resolve("products.sqlite3"),
        state.resolve("products.sqlite3"));
    int port = HubHarness.freePort();
    var config =
        HubTest.config(
            state,
            Map.of(
                "CONTIMG_HTTP_PORT",
                String.valueOf(port),
                "CONTIMG_BRIDGE_PORT",
                String.valueOf(HubHarness.freePort()),
                "CONTIMG_GATEWAY_READY_OWNERS",
                "ingest,products"));
    await(vertx.deployVerticle(new IngestVerticle(), new DeploymentOptions().setConfig(config)));
    assertThat(
            catchThrowable(
                () ->
                    await(
                        vertx.deployVerticle(
                            new ProductsVerticle(), new DeploymentOptions().setConfig(config)))))
        .isInstanceOf(ForeignDatabaseException.class);
    await(vertx.deployVerticle(new GatewayVerticle(), new DeploymentOptions().setConfig(config)));
    HubHarness.Response ready = await(new HubHarness(vertx, port).get("/health/ready"));
    assertThat(ready.status()).as(ready.body().encode()).isEqualTo(503);
    assertThat(ready.body().encode()).contains("products");
  }

  @Test
  void theJarSaysSoInOneLineAndExits(Vertx vertx) throws Exception {
    Path state = dir.resolve("state");
    Files.createDirectories(state);
    Files.copy(
        LegacyFixtures.november(dir.resolve("pipeline")).resolve("cal_registry.sqlite3"),
        state.resolve("cal_registry.sqlite3"));
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HubCommand.class.getName(),
                "--verticles",
                "calibration"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CONTIMG_STATE_DIR", state.toString());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the hub gave up within 60 s").isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    List<String> refusal =
        Arrays.stream(output.split("\n")).filter(line -> line.contains("cannot start")).toList();
    assertThat(refusal).hasSize(1);
    assertThat(refusal.get(0))
        .contains("cal_registry.sqlite3", "caltables: missing column active", "import-legacy");
    assertThat(output).doesNotContain("\tat ", "Exception");
  }
}

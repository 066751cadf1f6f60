package org.dsa110.contimg.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Compares a database our code made with one the {@code sqlite3} command line makes from the seed's
 * DDL: every table, index and view the seed names must be there with the same definition.
 */
public final class SeedSchema {
  private SeedSchema() {}

  /** Runs a script through the sqlite3 command line (skips the test when it is not installed). */
  public static void sqlite3(Path database, String script) throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("sqlite3", database.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "the sqlite3 command line is not installed (apt-get install sqlite3)");
      return;
    }
    process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
  }

  public static String resource(String name) throws Exception {
    return Files.readString(Path.of(SeedSchema.class.getClassLoader().getResource(name).toURI()));
  }

  /**
   * Deploys an owner on a fresh state directory, checks it answers its health check with a writable
   * database, and that the file it made holds the seed's schema.
   */
  public static void assertOwnerCreatesSeedSchema(
      Vertx vertx,
      Deployable owner,
      Owner role,
      Path stateDir,
      String databaseFile,
      String seedResource)
      throws Exception {
    HubTest.await(
        vertx.deployVerticle(
            owner, new DeploymentOptions().setConfig(HubTest.config(stateDir, Map.of()))));
    JsonObject health = HubTest.request(vertx, Addresses.health(role), new JsonObject());
    assertThat(health.getBoolean("writable")).isTrue();
    assertThat(health.getString("database")).endsWith(databaseFile);
    assertMatchesSeed(stateDir.resolve(databaseFile), seedResource, stateDir);
  }

  /** Asserts that {@code ours} holds every object of the seed script, defined identically. */
  public static void assertMatchesSeed(Path ours, String seedResource, Path scratch)
      throws Exception {
    Path reference = scratch.resolve("seed-reference.sqlite3");
    Files.deleteIfExists(reference);
    sqlite3(reference, resource(seedResource));
    List<String> expected = objects(reference);
    assertThat(expected).isNotEmpty();
    assertThat(objects(ours)).containsAll(expected);
  }

  private static List<String> objects(Path database) throws Exception {
    List<String> objects = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")) {
      while (rs.next()) {
        objects.add(
            rs.getString(1)
                + " "
                + rs.getString(2)
                + " on "
                + rs.getString(3)
                + ": "
                + rs.getString(4));
      }
    }
    return objects;
  }
}

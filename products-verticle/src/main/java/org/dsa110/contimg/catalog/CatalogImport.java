package org.dsa110.contimg.catalog;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.store.SqliteStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a crossmatched catalogue CSV into sources. The whole file is checked first (non-numeric
 * values, positions off the sky, duplicate source_ids, each reported by line number); {@code mode:
 * strict} then refuses the file with nothing written, {@code mode: skip} loads the good rows. Rows
 * are upserted by source_id in transactions of 10,000, with an {@code events.catalog} progress
 * message after each, so importing the same file again changes nothing.
 */
final class CatalogImport {
  private static final Logger LOG = LoggerFactory.getLogger(CatalogImport.class);
  private static final int CHUNK = 10_000;
  private static final int REPORTED = 100;

  private final Vertx vertx;
  private final SqliteStore store;

  CatalogImport(Vertx vertx, SqliteStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  private record Problem(long line, String error) {
    JsonObject toJson() {
      return new JsonObject().put("line", line).put("error", error);
    }
  }

  private record Check(
      Map<String, Integer> header,
      long lines,
      BitSet bad,
      List<Problem> problems,
      long problemCount) {
    long good() {
      return lines - problemCount;
    }
  }

  Future<Committed> run(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("path", "format", "mode"));
    Path path = Path.of(fields.requiredString("path"));
    fields.optionalEnum("format", Set.of("csv"));
    boolean strict =
        fields.optionalEnum("mode", Set.of("strict", "skip")).orElse("strict").equals("strict");
    long start = System.nanoTime();
    return vertx
        .executeBlocking(() -> check(path), false)
        .compose(
            check -> {
              if (strict && check.problemCount() > 0) {
                throw HubException.badRequest(
                    "path",
                    check.problemCount()
                        + " bad row(s), nothing imported (mode strict): "
                        + String.join(
                            "; ",
                            check.problems().stream()
                                .limit(10)
                                .map(p -> "line " + p.line() + ": " + p.error())
                                .toList()));
              }
              return load(path, check)
                  .map(
                      loaded -> {
                        JsonObject summary =
                            new JsonObject()
                                .put("path", path.toString())
                                .put("mode", strict ? "strict" : "skip")
                                .put("rows", check.lines())
                                .put("loaded", loaded)
                                .put("skipped", check.problemCount())
                                .put(
                                    "errors",
                                    new JsonArray(
                                        check.problems().stream()
                                            .map(Problem::toJson)
                                            .map(Object.class::cast)
                                            .toList()))
                                .put("seconds", (System.nanoTime() - start) / 1e9);
                        LOG.info(
                            "catalog import of {}: {} rows loaded, {} skipped",
                            path,
                            loaded,
                            check.problemCount());
                        return new Committed(
                            summary,
                            List.of(
                                new Committed.Event(
                                    Addresses.EVENTS_CATALOG,
                                    summary
                                        .copy()
                                        .put("type", "imported")
                                        .put("total", check.good()))));
                      });
            });
  }

  /** The first pass: every row parsed, problems recorded by line number (the header is line 1). */
  private static Check check(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw HubException.notFound("no catalogue file " + path + " (path)");
    }
    try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      String first = reader.readLine();
      if (first == null) {
        throw HubException.badRequest("path", "the file is empty");
      }
      Map<String, Integer> header;
      try {
        header = CatalogRow.header(first);
      } catch (IllegalArgumentException e) {
        throw HubException.badRequest("path", "line 1: " + e.getMessage());
      }
      Map<String, Long> seen = new HashMap<>();
      BitSet bad = new BitSet();
      List<Problem> problems = new ArrayList<>();
      long problemCount = 0;
      long rows = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        rows++;
        long lineNumber = rows + 1;
        String error = null;
        try {
          CatalogRow row = CatalogRow.parse(line, header);
          Long earlier = seen.putIfAbsent(row.sourceId(), lineNumber);
          if (earlier != null) {
            error = "source_id: " + row.sourceId() + " duplicates line " + earlier;
          }
        } catch (IllegalArgumentException e) {
          error = e.getMessage();
        }
        if (error != null) {
          bad.set((int) rows);
          problemCount++;
          if (problems.size() < REPORTED) {
            problems.add(new Problem(lineNumber, error));
          }
        }
      }
      return new Check(header, rows, bad, problems, problemCount);
    }
  }

  /**
   * The second pass: the good rows, a chunk per transaction, progress published after each commit.
   */
  private Future<Long> load(Path path, Check check) {
    BufferedReader reader;
    try {
      reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
      reader.readLine();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    long[] position = {0};
    long[] loaded = {0};
    return nextChunk(reader, check, position, loaded)
        .eventually(
            () ->
                vertx.executeBlocking(
                    () -> {
                      reader.close();
                      return null;
                    }));
  }

  private Future<Long> nextChunk(
      BufferedReader reader, Check check, long[] position, long[] loaded) {
    return vertx
        .executeBlocking(
            () -> {
              List<Object[]> chunk = new ArrayList<>(CHUNK);
              String line;
              while (chunk.size() < CHUNK && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                  continue;
                }
                position[0]++;
                if (!check.bad().get((int) position[0])) {
                  chunk.add(CatalogRow.parse(line, check.header()).toArguments());
                }
              }
              return chunk;
            },
            true)
        .compose(
            chunk -> {
              if (chunk.isEmpty()) {
                return Future.succeededFuture(loaded[0]);
              }
              return store
                  .write(
                      tx -> {
                        tx.batch(CatalogRow.UPSERT, chunk);
                        return null;
                      })
                  .compose(
                      done -> {
                        loaded[0] += chunk.size();
                        vertx
                            .eventBus()
                            .publish(
                                Addresses.EVENTS_CATALOG,
                                new JsonObject()
                                    .put("type", "progress")
                                    .put("loaded", loaded[0])
                                    .put("total", check.good()));
                        return nextChunk(reader, check, position, loaded);
                      });
            });
  }
}

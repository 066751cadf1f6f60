package org.dsa110.contimg.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;

/**
 * The baseline of the group cycle: the same statements the ingest owner runs for 16 subband adds, a
 * claim and a completion, as plain JDBC on one thread with reused statements, one transaction per
 * request, into the same schema; what a hand-written single-threaded service would do.
 */
final class RawIngestCycle {
  private RawIngestCycle() {}

  static Figures run(Path file, String synchronous, int groups) throws Exception {
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=" + synchronous)) {
      applySchema(c);
      c.setAutoCommit(false);
      try (PreparedStatement holder =
              c.prepareStatement(
                  "SELECT group_id FROM subband_files WHERE group_id BETWEEN ? AND ? AND file_path = ?");
          PreparedStatement window =
              c.prepareStatement(
                  "SELECT group_id, state FROM ingest_queue WHERE group_id BETWEEN ? AND ? AND state IN (?, ?)");
          PreparedStatement insertGroup =
              c.prepareStatement(
                  "INSERT INTO ingest_queue (group_id, state, received_at, last_update, expected_subbands, "
                      + "retry_count) VALUES (?, 'collecting', ?, ?, 16, 0)");
          PreparedStatement insertSubband =
              c.prepareStatement(
                  "INSERT INTO subband_files (group_id, subband_idx, file_path, file_size, discovered_at) "
                      + "VALUES (?, ?, ?, NULL, ?)");
          PreparedStatement touch =
              c.prepareStatement("UPDATE ingest_queue SET last_update = ? WHERE group_id = ?");
          PreparedStatement count =
              c.prepareStatement("SELECT COUNT(*) FROM subband_files WHERE group_id = ?");
          PreparedStatement state =
              c.prepareStatement(
                  "UPDATE ingest_queue SET state = ?, last_update = ? WHERE group_id = ?");
          PreparedStatement oldest =
              c.prepareStatement(
                  "SELECT group_id FROM ingest_queue WHERE state = 'pending' ORDER BY group_id LIMIT 1");
          PreparedStatement claim =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO hub_claims (group_id, worker, claimed_at) VALUES (?, ?, ?)");
          PreparedStatement release =
              c.prepareStatement("DELETE FROM hub_claims WHERE group_id = ?");
          Statement begin = c.createStatement()) {
        LocalDateTime night = LocalDateTime.of(2025, 10, 24, 0, 0);
        long start = System.nanoTime();
        for (int g = 0; g < groups; g++) {
          String group = night.plusMinutes(5L * g) + ":00";
          for (int sb = 0; sb < 16; sb++) {
            double now = System.currentTimeMillis() / 1000.0;
            String path = String.format("/bench/%s_sb%02d.hdf5", group, sb);
            holder.setString(1, group);
            holder.setString(2, group);
            holder.setString(3, path);
            drain(holder);
            window.setString(1, group);
            window.setString(2, group);
            window.setString(3, "collecting");
            window.setString(4, "pending");
            boolean exists = drain(window) > 0;
            if (!exists) {
              insertGroup.setString(1, group);
              insertGroup.setDouble(2, now);
              insertGroup.setDouble(3, now);
              insertGroup.executeUpdate();
            }
            insertSubband.setString(1, group);
            insertSubband.setInt(2, sb);
            insertSubband.setString(3, path);
            insertSubband.setDouble(4, now);
            insertSubband.executeUpdate();
            touch.setDouble(1, now);
            touch.setString(2, group);
            touch.executeUpdate();
            count.setString(1, group);
            if (countOf(count) >= 16) {
              state.setString(1, "pending");
              state.setDouble(2, now);
              state.setString(3, group);
              state.executeUpdate();
            }
            c.commit();
          }
          String claimed;
          try (ResultSet rs = oldest.executeQuery()) {
            rs.next();
            claimed = rs.getString(1);
          }
          state.setString(1, "in_progress");
          state.setDouble(2, System.currentTimeMillis() / 1000.0);
          state.setString(3, claimed);
          state.executeUpdate();
          claim.setString(1, claimed);
          claim.setString(2, "worker");
          claim.setDouble(3, System.currentTimeMillis() / 1000.0);
          claim.executeUpdate();
          c.commit();
          release.setString(1, claimed);
          release.executeUpdate();
          state.setString(1, "completed");
          state.setDouble(2, System.currentTimeMillis() / 1000.0);
          state.setString(3, claimed);
          state.executeUpdate();
          c.commit();
        }
        return Figures.rate(
            String.format(
                "group cycle as plain JDBC on one thread, one transaction per request, %s (baseline)",
                synchronous),
            groups,
            (System.nanoTime() - start) / 1e9,
            "groups");
      }
    }
  }

  private static int drain(PreparedStatement query) throws SQLException {
    int n = 0;
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }

  private static long countOf(PreparedStatement query) throws SQLException {
    try (ResultSet rs = query.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void applySchema(Connection c) throws Exception {
    for (String resource :
        new String[] {"db/ingest/001-seed.sql", "db/ingest/002-hub-claims.sql"}) {
      try (InputStream in = RawIngestCycle.class.getClassLoader().getResourceAsStream(resource);
          Statement statement = c.createStatement()) {
        for (String sql : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(";\\s*\\n")) {
          if (!sql.isBlank()
              && !sql.strip()
                  .lines()
                  .allMatch(line -> line.strip().startsWith("--") || line.isBlank())) {
            statement.execute(sql);
          }
        }
      }
    }
  }
}

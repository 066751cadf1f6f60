package org.dsa110.contimg.deploy.legacy;

import java.io.PrintStream;

/**
 * Rows done of rows to read, over every table: a bar redrawn in place on a terminal (as {@code
 * catalog import} draws one), a line per tenth elsewhere (logs, pipes).
 */
final class ImportProgress {
  private static final int WIDTH = 40;
  private static final long REDRAW_EVERY = 1_000;

  private final PrintStream out;
  private final boolean terminal;
  private long total;
  private long done;
  private long lastTenth = -1;
  private String table = "";

  ImportProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void total(long rows) {
    total = rows;
  }

  void table(String name) {
    table = name;
    show();
  }

  void row() {
    done++;
    // a terminal redraws in place (every thousand rows is enough); a log line is printed only as a
    // tenth passes
    if (!terminal || done % REDRAW_EVERY == 0 || done == total) {
      show();
    }
  }

  void finish() {
    done = Math.max(done, total);
    show();
    if (terminal) {
      out.println();
    }
  }

  private void show() {
    double fraction = total == 0 ? 1 : Math.min(1, (double) done / total);
    if (terminal) {
      int filled = (int) (fraction * WIDTH);
      out.printf(
          "\r[%s%s] %3.0f%% %d/%d %-20s",
          "#".repeat(filled), " ".repeat(WIDTH - filled), fraction * 100, done, total, table);
    } else if ((long) (fraction * 10) > lastTenth) {
      lastTenth = (long) (fraction * 10);
      out.printf("%3.0f%% %d/%d rows%n", fraction * 100, done, total);
    }
  }
}

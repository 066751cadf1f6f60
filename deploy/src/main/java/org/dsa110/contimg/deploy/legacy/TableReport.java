package org.dsa110.contimg.deploy.legacy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happened to the rows of one hub table: every row read is written, found already there (an
 * earlier import), merged into another (a duplicate) or skipped with its reason; mapped counts the
 * rows among them whose values were translated, and each translation is counted by what it did.
 */
final class TableReport {
  private final String table;
  private long read;
  private long written;
  private long already;
  private long merged;
  private long skipped;
  private long mapped;
  private final Map<String, Long> mappings = new LinkedHashMap<>();
  private final Map<String, Long> merges = new LinkedHashMap<>();
  private final Map<String, Long> skips = new LinkedHashMap<>();
  private final Set<String> notCopied = new LinkedHashSet<>();

  TableReport(String table) {
    this.table = table;
  }

  /**
   * A row that reached the hub's table (newly, or already there), with what had to be translated in
   * it.
   */
  void imported(boolean written, List<String> notes) {
    read++;
    if (written) {
      this.written++;
    } else {
      already++;
    }
    if (!notes.isEmpty()) {
      mapped++;
      notes.forEach(note -> mappings.merge(note, 1L, Long::sum));
    }
  }

  void merged(String why) {
    read++;
    merged++;
    merges.merge(why, 1L, Long::sum);
  }

  void skipped(String why) {
    read++;
    skipped++;
    skips.merge(why, 1L, Long::sum);
  }

  /** Columns of the pipeline's that the specification has no place for. */
  void notCopied(List<String> columns) {
    notCopied.addAll(columns);
  }

  String table() {
    return table;
  }

  long read() {
    return read;
  }

  long written() {
    return written;
  }

  long already() {
    return already;
  }

  long merged() {
    return merged;
  }

  long skipped() {
    return skipped;
  }

  long mapped() {
    return mapped;
  }

  Map<String, Long> mappings() {
    return mappings;
  }

  Map<String, Long> merges() {
    return merges;
  }

  Map<String, Long> skips() {
    return skips;
  }

  Set<String> notCopied() {
    return notCopied;
  }
}

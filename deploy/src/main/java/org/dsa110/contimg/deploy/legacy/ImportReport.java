package org.dsa110.contimg.deploy.legacy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The import's account, per hub table and overall, printed at the end (and checked by the tests).
 */
final class ImportReport {
  private final Map<String, TableReport> tables = new LinkedHashMap<>();
  private final List<String> notImported = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  TableReport table(String name) {
    return tables.computeIfAbsent(name, TableReport::new);
  }

  Map<String, TableReport> tables() {
    return tables;
  }

  /** A table of the pipeline's own, with no place in the specification. */
  void notImported(String what) {
    notImported.add(what);
  }

  void note(String note) {
    notes.add(note);
  }

  List<String> notImported() {
    return notImported;
  }

  long skipped() {
    return tables.values().stream().mapToLong(TableReport::skipped).sum();
  }

  long written() {
    return tables.values().stream().mapToLong(TableReport::written).sum();
  }

  void print(PrintStream out) {
    out.printf(
        "%-20s %9s %9s %9s %9s %9s %9s%n",
        "table", "read", "written", "already", "mapped", "merged", "skipped");
    for (TableReport t : tables.values()) {
      out.printf(
          "%-20s %9d %9d %9d %9d %9d %9d%n",
          t.table(), t.read(), t.written(), t.already(), t.mapped(), t.merged(), t.skipped());
    }
    section(out, "mapped", TableReport::mappings);
    section(out, "merged", TableReport::merges);
    section(out, "skipped", TableReport::skips);
    boolean anyNotCopied = tables.values().stream().anyMatch(t -> !t.notCopied().isEmpty());
    if (anyNotCopied) {
      out.println(
          "columns of the pipeline's own, not copied (the specification has no place for them):");
      tables.values().stream()
          .filter(t -> !t.notCopied().isEmpty())
          .forEach(t -> out.println("  " + t.table() + ": " + String.join(", ", t.notCopied())));
    }
    if (!notImported.isEmpty()) {
      out.println(
          "tables of the pipeline's own, not imported (the specification has no place for them):");
      notImported.forEach(table -> out.println("  " + table));
    }
    notes.forEach(out::println);
  }

  private void section(
      PrintStream out, String title, Function<TableReport, Map<String, Long>> entries) {
    if (tables.values().stream().allMatch(t -> entries.apply(t).isEmpty())) {
      return;
    }
    out.println(title + ":");
    for (TableReport t : tables.values()) {
      entries
          .apply(t)
          .forEach((what, count) -> out.println("  " + t.table() + ": " + what + ": " + count));
    }
  }
}

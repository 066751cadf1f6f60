package org.dsa110.contimg.common.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a DDL script into statements: on semicolons outside quotes and comments. Comments stay in
 * the statement text, because SQLite keeps that text in sqlite_master and a file must carry the
 * very definitions the seed's own script would have given it.
 */
final class SqlScript {
  private SqlScript() {}

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < script.length()) {
      char c = script.charAt(i);
      if (c == '-' && script.startsWith("--", i)) {
        int end = script.indexOf('\n', i);
        end = end < 0 ? script.length() : end;
        current.append(script, i, end);
        i = end;
        continue;
      }
      if (c == '\'' || c == '"') {
        int end = script.indexOf(c, i + 1);
        end = end < 0 ? script.length() - 1 : end;
        current.append(script, i, end + 1);
        i = end + 1;
        continue;
      }
      if (c == ';') {
        addIfNotBlank(statements, current);
        current.setLength(0);
      } else {
        current.append(c);
      }
      i++;
    }
    addIfNotBlank(statements, current);
    return statements;
  }

  private static void addIfNotBlank(List<String> statements, StringBuilder statement) {
    String text = statement.toString().strip();
    if (!text.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"))) {
      statements.add(text);
    }
  }
}

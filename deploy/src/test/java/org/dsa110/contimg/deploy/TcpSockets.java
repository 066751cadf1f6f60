package org.dsa110.contimg.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The kernel's table of TCP sockets (/proc/net/tcp and tcp6) for one port: whether a stalled
 * request's connection was made, accepted, and whether its bytes sit unread in the server's receive
 * queue.
 */
final class TcpSockets {
  private static final Map<String, String> STATES =
      Map.ofEntries(
          Map.entry("01", "ESTABLISHED"),
          Map.entry("02", "SYN_SENT"),
          Map.entry("03", "SYN_RECV"),
          Map.entry("04", "FIN_WAIT1"),
          Map.entry("05", "FIN_WAIT2"),
          Map.entry("06", "TIME_WAIT"),
          Map.entry("07", "CLOSE"),
          Map.entry("08", "CLOSE_WAIT"),
          Map.entry("09", "LAST_ACK"),
          Map.entry("0A", "LISTEN"),
          Map.entry("0B", "CLOSING"));

  private TcpSockets() {}

  /**
   * One line per socket whose local or remote port is {@code port}: local, remote, state, send and
   * receive queues.
   */
  static String onPort(int port) {
    StringBuilder out =
        new StringBuilder(
            "\nTCP sockets on port "
                + port
                + " (local and remote address:port in the kernel's hex, state, send and receive queues):");
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        List<String> lines = Files.readAllLines(Path.of(table));
        for (String line : lines.subList(1, lines.size())) {
          String[] f = line.trim().split("\\s+");
          if (portOf(f[1]) == port || portOf(f[2]) == port) {
            String[] queues = f[4].split(":");
            out.append("\n  ")
                .append(f[1])
                .append(' ')
                .append(f[2])
                .append(' ')
                .append(STATES.getOrDefault(f[3], f[3]))
                .append(" tx=")
                .append(Long.parseLong(queues[0], 16))
                .append(" rx=")
                .append(Long.parseLong(queues[1], 16));
          }
        }
      } catch (IOException | RuntimeException e) {
        out.append("\n  ").append(table).append(" unreadable: ").append(e);
      }
    }
    return out.toString();
  }

  private static int portOf(String address) {
    return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
  }
}

package org.dsa110.contimg.ingest;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.common.bus.HubException;

/**
 * A subband file as the correlator names it: {@code YYYY-MM-DDTHH:MM:SS_sbNN.hdf5} (a space instead
 * of the T is accepted too), with NN from 00 to 15.
 */
public record SubbandFile(String path, LocalDateTime observedAt, int index) {
  public static final int SUBBANDS = 16;
  static final DateTimeFormatter GROUP_ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final Pattern NAME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})_sb(\\d{2})\\.hdf5");

  /** Parses the file's name; anything else is a 400 naming {@code file_path}. */
  public static SubbandFile parse(String path) {
    String name = fileName(path);
    Matcher match = NAME.matcher(name);
    if (!match.matches()) {
      throw HubException.badRequest(
          "file_path", "'" + name + "' is not a subband file name (YYYY-MM-DDTHH:MM:SS_sbNN.hdf5)");
    }
    LocalDateTime observedAt;
    try {
      observedAt = LocalDateTime.parse(match.group(1) + "T" + match.group(2));
    } catch (DateTimeParseException e) {
      throw HubException.badRequest(
          "file_path", "'" + name + "' does not carry a valid date and time");
    }
    int index = Integer.parseInt(match.group(3));
    if (index >= SUBBANDS) {
      throw HubException.badRequest(
          "file_path", "subband index " + index + " is outside 0-" + (SUBBANDS - 1));
    }
    return new SubbandFile(path, observedAt, index);
  }

  /**
   * True when the name could be a subband file; the directory watcher uses it to skip other files.
   */
  public static boolean looksLikeSubband(String fileName) {
    return NAME.matcher(fileName).matches();
  }

  /** The group this file would start: its own timestamp, in the seed's group_id format. */
  public String ownGroupId() {
    return observedAt.format(GROUP_ID);
  }

  public double epochSeconds() {
    return observedAt.toEpochSecond(ZoneOffset.UTC);
  }

  /** The group id a timestamp {@code seconds} away from this file's would have. */
  public String groupIdShiftedBy(double seconds) {
    return observedAt.plusSeconds(Math.round(seconds)).format(GROUP_ID);
  }

  static Optional<Double> groupEpochSeconds(String groupId) {
    try {
      return Optional.of(
          (double) LocalDateTime.parse(groupId.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static String fileName(String path) {
    Path fileName = Path.of(path).getFileName();
    return fileName == null ? path : fileName.toString();
  }
}

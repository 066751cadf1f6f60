package org.dsa110.contimg.common.store;

import java.nio.file.Path;
import java.util.List;
import org.dsa110.contimg.common.config.ConfigException;

/**
 * An owner's database file is of another layout than the specification's (typically one the
 * existing pipeline's own code made): serving it would answer 500s, so the owner does not start. A
 * user's mistake, not a bug: it is told in one line, without a stack trace, naming the file, what
 * differs and the command that adopts the file.
 */
public final class ForeignDatabaseException extends ConfigException {
  private final transient List<String> differences;

  public ForeignDatabaseException(Path file, List<String> differences) {
    super(
        file.getFileName()
            + " ("
            + file.toAbsolutePath()
            + ") does not match the schema specification: "
            + String.join("; ", differences)
            + ". If the existing pipeline made it, adopt it into a new state folder with: CONTIMG_STATE_DIR=<new folder> "
            + "java -jar deploy/target/contimg-hub.jar import-legacy "
            + pipelineStateDir(file));
    this.differences = List.copyOf(differences);
  }

  public List<String> differences() {
    return differences;
  }

  /**
   * The folder the pipeline's four files sit in: the catalogue lives one level down, in catalogs/.
   */
  private static Path pipelineStateDir(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return folder.getFileName() != null && folder.getFileName().toString().equals("catalogs")
        ? folder.getParent()
        : folder;
  }
}

package org.dsa110.contimg.common;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.config.ConfigException;

/**
 * One owner per database: a lock on the owner's role, cluster-wide when the event bus is clustered
 * (Hazelcast frees the locks of a member that dies), and an operating-system lock on a file beside
 * the database, which also stops a second process on the same host (another hub, or {@code catalog
 * import}) from opening it as owner.
 */
final class OwnerLock {
  private static final long WAIT_MS = 2_000;

  private final Lock roleLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private OwnerLock(Lock roleLock, FileChannel channel, FileLock fileLock) {
    this.roleLock = roleLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  static Future<OwnerLock> acquire(Vertx vertx, Owner owner, Optional<Path> database) {
    String name = "contimg.owner." + owner.displayName();
    return vertx
        .sharedData()
        .getLockWithTimeout(name, WAIT_MS)
        .recover(
            failure ->
                Future.failedFuture(
                    new ConfigException(
                        "the "
                            + owner.displayName()
                            + " owner already runs in this hub (cluster lock "
                            + name
                            + " is held): there is one owner per database")))
        .compose(
            roleLock ->
                database.isEmpty()
                    ? Future.succeededFuture(new OwnerLock(roleLock, null, null))
                    : vertx
                        .executeBlocking(() -> lockFile(database.get()), false)
                        .map(locked -> new OwnerLock(roleLock, locked.channel(), locked))
                        .onFailure(failure -> roleLock.release()));
  }

  private static FileLock lockFile(Path database) throws IOException {
    Path lockFile =
        database.toAbsolutePath().resolveSibling(database.getFileName() + ".owner-lock");
    Files.createDirectories(lockFile.getParent());
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new ConfigException(
          "another process owns " + database + " (" + lockFile + " is locked): stop it first");
    }
    return lock;
  }

  Future<Void> release(Vertx vertx) {
    roleLock.release();
    if (channel == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(
        () -> {
          fileLock.release();
          channel.close();
          return null;
        },
        false);
  }
}

package org.dsa110.contimg.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/v1/artifacts?path=...}: serves a QA plot or mosaic thumbnail whose recorded path
 * lies under the configured data root. Anything outside it (after resolving "..", symlinks and the
 * like) is a 404, the same answer as a file that does not exist, so the server's layout is not
 * revealed.
 *
 * <p>Files under the data root are written by the pipeline, not by us: only raster images a browser
 * cannot run (PNG, JPEG, GIF) are shown inline; everything else (HTML, SVG, PDF, text...) is sent
 * as an attachment, and every file under a sandboxing Content-Security-Policy. An HTML or SVG file
 * served inline on the dashboard's origin was stored XSS against the token the dashboard keeps in
 * sessionStorage.
 */
final class ArtifactFiles implements Handler<RoutingContext> {
  private static final Map<String, String> CONTENT_TYPES =
      Map.ofEntries(
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("txt", "text/plain; charset=utf-8"),
          Map.entry("csv", "text/csv; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("fits", "application/fits"));
  private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif");
  private static final String SANDBOX =
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'none'";

  private final Vertx vertx;
  private final Optional<Path> root;

  ArtifactFiles(Vertx vertx, Optional<String> dataRoot) {
    this.vertx = vertx;
    this.root = dataRoot.map(Path::of);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requested = ctx.queryParams().get("path");
    if (requested == null || requested.isBlank()) {
      ApiReplies.error(ctx, 400, "path: is required");
      return;
    }
    if (root.isEmpty()) {
      ApiReplies.error(ctx, 404, "no artifact files are served (set CONTIMG_GATEWAY_DATA_ROOT)");
      return;
    }
    vertx
        .executeBlocking(() -> resolveInsideRoot(requested), false)
        .onComplete(
            found -> {
              if (found.failed() || found.result().isEmpty()) {
                ApiReplies.error(ctx, 404, "no artifact at " + requested);
                return;
              }
              Path file = found.result().get();
              String type = contentType(file);
              String disposition =
                  INLINE.contains(type)
                      ? "inline"
                      : "attachment; filename=\"" + safeFileName(file) + "\"";
              ctx.response()
                  .putHeader("Content-Type", type)
                  .putHeader("Content-Disposition", disposition)
                  .putHeader("Content-Security-Policy", SANDBOX)
                  .putHeader("X-Content-Type-Options", "nosniff")
                  .sendFile(file.toString())
                  .onFailure(failure -> ApiReplies.error(ctx, 404, "no artifact at " + requested));
            });
  }

  /** The real file, if it exists, is a regular file and lies under the real data root. */
  private Optional<Path> resolveInsideRoot(String requested) throws IOException {
    Path realRoot = root.get().toRealPath();
    Path candidate;
    try {
      Path given = Path.of(requested);
      candidate = given.isAbsolute() ? given : realRoot.resolve(given);
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(candidate)) {
      return Optional.empty();
    }
    Path real = candidate.toRealPath();
    return real.startsWith(realRoot) ? Optional.of(real) : Optional.empty();
  }

  /** The file's name for the download, in characters no header or shell can misread. */
  private static String safeFileName(Path file) {
    return file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    String extension =
        name.contains(".")
            ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
            : "";
    return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
  }
}

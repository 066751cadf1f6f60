package org.dsa110.contimg.deploy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;

/**
 * Pipeline writes kept in flight through the TCP bridge, each recorded once the hub has
 * acknowledged it (fault tests).
 */
final class BridgeLoad {
  private static final LocalDateTime T0 = LocalDateTime.of(2025, 10, 24, 0, 0, 0);
  private static final DateTimeFormatter GROUP_ID =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private BridgeLoad() {}

  /**
   * Keeps one subband add in flight: when it is acknowledged, records its path and sends the next
   * one.
   */
  static void addSubbandsForever(
      BridgeClient client, AtomicInteger next, Set<String> acknowledged) {
    int n = next.getAndIncrement();
    String path =
        String.format(
            "/data/incoming/%s_sb%02d.hdf5",
            T0.plusSeconds(300L * (n / 16)).format(GROUP_ID), n % 16);
    client
        .request(
            Addresses.INGEST_SUBBAND_ADD,
            new JsonObject().put("file_path", path).put("file_size", n))
        .onSuccess(
            body -> {
              if (!"err".equals(body.getString("type")) && body.containsKey("group_id")) {
                acknowledged.add(path);
                addSubbandsForever(client, next, acknowledged);
              }
            });
  }

  /**
   * Keeps one image's photometry in flight (MS, image, then a batch of {@code rows}); records the
   * image once acknowledged.
   */
  static void recordPhotometryForever(
      BridgeClient client, String prefix, int rows, AtomicInteger next, Set<String> batches) {
    int n = next.getAndIncrement();
    String ms = "/data/ms/" + prefix + "-" + n + ".ms";
    String image = "/data/img/" + prefix + "-" + n + ".fits";
    JsonArray measurements = new JsonArray();
    for (int s = 0; s < rows; s++) {
      measurements.add(
          new JsonObject()
              .put("source_id", prefix.toUpperCase() + " J" + s)
              .put("ra_deg", s * 0.1)
              .put("dec_deg", 40.0)
              .put("peak_jyb", 0.01)
              .put("peak_err_jyb", 0.001));
    }
    client
        .request(
            Addresses.PRODUCTS_MS_UPSERT,
            new JsonObject().put("path", ms).put("mid_mjd", 60000.0 + n))
        .compose(
            done ->
                client.request(
                    Addresses.PRODUCTS_IMAGE_ADD,
                    new JsonObject().put("path", image).put("ms_path", ms).put("type", "image")))
        .compose(
            done ->
                client.request(
                    Addresses.PRODUCTS_PHOTOMETRY_ADD,
                    new JsonObject()
                        .put("image_path", image)
                        .put("mjd", 60000.0 + n)
                        .put("measurements", measurements)))
        .onSuccess(
            body -> {
              if (!"err".equals(body.getString("type")) && body.containsKey("added")) {
                batches.add(image);
                recordPhotometryForever(client, prefix, rows, next, batches);
              }
            });
  }
}

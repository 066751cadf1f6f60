package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * {@code --demo}: a compressed telescope that talks to the hub through the TCP bridge exactly as the pipeline's
 * services do. Every tick is one five-minute observation: sixteen (empty) subband files, a converter that claims
 * and completes the group, a calibration set now and then (with gaps), the image, and forced photometry of a
 * synthetic field in which most sources are steady within their errors and a few wander like an ESE, so that
 * candidates and alerts appear within a minute.
 */
final class DemoTelescope extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTelescope.class);
  private static final DateTimeFormatter GROUP_ID = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final double DAYS_PER_OBSERVATION = 5.0 / 1440;
  private static final double UNIX_EPOCH_MJD = 40587;
  private static final int OBSERVATIONS_PER_MOSAIC = 12;
  /** The synthetic sources lie in one field of this size (degrees) around this centre. */
  private static final double FIELD_RA = 188.5;
  private static final double FIELD_DEC = 42.0;
  private static final double FIELD_SIZE_DEG = 3.0;
  private static final DateTimeFormatter MOSAIC_NAME = DateTimeFormatter.ofPattern("uuuu-MM-dd'_'HH-mm");

  private final Random random = new Random(110);
  private BridgeClient bridge;
  private Path incoming;
  private Path products;
  private LocalDateTime start;
  private double[] fluxJy;
  private boolean[] wandering;
  private double[] raDeg;
  private double[] decDeg;
  private int observation;
  private long timer;
  private Future<Void> observing = Future.succeededFuture();

  @Override
  public Future<?> start() {
    Settings settings = new Settings(config());
    int sources = settings.integer("demo.sources", 10, 100_000);
    double variable = Math.min(1, ((Number) config().getJsonObject("demo").getValue("variable_fraction")).doubleValue());
    fluxJy = new double[sources];
    wandering = new boolean[sources];
    raDeg = new double[sources];
    decDeg = new double[sources];
    for (int s = 0; s < sources; s++) {
      fluxJy[s] = 0.005 * Math.pow(1 - random.nextDouble(), -1 / 1.5);
      wandering[s] = random.nextDouble() < variable;
      raDeg[s] = FIELD_RA + (random.nextDouble() - 0.5) * FIELD_SIZE_DEG;
      decDeg[s] = FIELD_DEC + (random.nextDouble() - 0.5) * FIELD_SIZE_DEG;
    }
    incoming = settings.stateDir().resolve("demo/incoming");
    products = demoProducts(settings.stateDir());
    start = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    long interval = settings.integer("demo.interval_ms", 100, 3_600_000);
    return vertx.executeBlocking(() -> {
      Files.createDirectories(products);
      return Files.createDirectories(incoming);
    })
        .compose(dir -> BridgeClient.connect(vertx, settings.integer("bridge.port", 1, 65535), settings.stringOrNull("bridge.token")))
        .onSuccess(client -> {
          bridge = client;
          LOG.info("demo telescope: one observation every {} ms, {} sources ({} wandering)", interval, sources,
              IntStream.range(0, sources).filter(s -> wandering[s]).count());
          timer = vertx.setPeriodic(0, interval, id -> observeUnlessBusy());
        });
  }

  private static Path demoProducts(Path stateDir) {
    return stateDir.resolve("demo/products");
  }

  /**
   * The dashboard shows mosaic previews through the artifacts route, which serves files under the gateway's data
   * root only: unless one is configured, point it at the folder the demo writes its previews to.
   */
  static void servePreviews(JsonObject config) {
    JsonObject gateway = config.getJsonObject("gateway");
    if (gateway.getString("data_root") == null) {
      gateway.put("data_root", demoProducts(new Settings(config).stateDir()).toString());
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return observing.transform(done -> bridge == null ? Future.succeededFuture() : bridge.close());
  }

  /**
   * One observation at a time, as a telescope makes them: a tick that finds the last one still being recorded is
   * skipped, and stopping waits for the one in flight, so the demo never leaves half an observation behind.
   */
  private void observeUnlessBusy() {
    if (observing.isComplete()) {
      observing = observe().onFailure(f -> LOG.warn("demo observation failed: {}", f.getMessage()));
    }
  }

  private Future<Void> observe() {
    int k = observation++;
    LocalDateTime at = start.plusMinutes(5L * k);
    String group = at.format(GROUP_ID);
    double mjd = at.toEpochSecond(ZoneOffset.UTC) / 86400.0 + UNIX_EPOCH_MJD;
    Future<JsonObject> chain = Future.succeededFuture();
    for (int sb = 0; sb < 16; sb++) {
      Path file = incoming.resolve(String.format("%s_sb%02d.hdf5", group, sb));
      chain = chain.compose(done -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer()))
          .compose(done -> ask(Addresses.INGEST_SUBBAND_ADD, new JsonObject().put("file_path", file.toString()).put("file_size", 0)));
    }
    String ms = "/demo/ms/" + group + ".ms";
    String image = "/demo/images/" + group + ".image.pbcor.fits";
    return chain
        .compose(done -> ask(Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", "demo-converter")))
        .compose(claim -> claim.getBoolean("claimed") ? ask(Addresses.INGEST_GROUP_COMPLETE, new JsonObject()
            .put("group_id", claim.getJsonObject("group").getString("group_id")).put("worker", "demo-converter")
            .put("metrics", new JsonObject().put("writer_type", "direct-subband").put("conversion_time", 60 + random.nextDouble() * 30)
                .put("total_time", 240 + random.nextDouble() * 60))) : Future.succeededFuture(claim))
        .compose(done -> k % 6 == 0 && k % 18 != 12 ? registerCalibration(k, mjd) : Future.succeededFuture())
        .compose(done -> ask(Addresses.PRODUCTS_MS_UPSERT, new JsonObject().put("path", ms).put("mid_mjd", mjd).put("stage", "calibrated")
            .put("status", "ok").put("cal_applied", true).put("field_name", "J1234+42").put("pointing_ra_deg", fieldRa(k)).put("pointing_dec_deg", 42.0)))
        .compose(done -> ask(Addresses.PRODUCTS_IMAGE_ADD, new JsonObject().put("path", image).put("ms_path", ms).put("type", "image")
            .put("noise_jy", 0.0004 + random.nextDouble() * 0.0001).put("beam_major_arcsec", 15.0).put("beam_minor_arcsec", 12.5)
            .put("beam_pa_deg", 30.0).put("dynamic_range", 800 + random.nextInt(400)).put("field_name", "J1234+42")
            .put("center_ra_deg", fieldRa(k)).put("center_dec_deg", 42.0)))
        .compose(done -> ask(Addresses.PRODUCTS_PHOTOMETRY_ADD, new JsonObject().put("image_path", image).put("mjd", mjd).put("measurements", photometry(k))))
        .compose(done -> ask(Addresses.PRODUCTS_POINTING_ADD, new JsonObject().put("timestamp", (mjd - UNIX_EPOCH_MJD) * 86400)
            .put("mjd", mjd).put("ra_deg", fieldRa(k)).put("dec_deg", 42.0).put("alt_deg", 88.0).put("field_name", "J1234+42")))
        .compose(done -> k % OBSERVATIONS_PER_MOSAIC == OBSERVATIONS_PER_MOSAIC - 1 ? addMosaic(k, at, mjd) : Future.succeededFuture())
        .mapEmpty();
  }

  /** Every hour of observations, a mosaic with its PNG preview under the products folder the gateway serves. */
  private Future<JsonObject> addMosaic(int k, LocalDateTime last, double lastMjd) {
    String name = last.minusMinutes(5L * (OBSERVATIONS_PER_MOSAIC - 1)).format(MOSAIC_NAME) + "_hourly";
    Path preview = products.resolve("mosaics/" + name + ".png");
    double noiseJy = 0.00012 + random.nextDouble() * 0.00003;
    double[] x = new double[fluxJy.length];
    double[] y = new double[fluxJy.length];
    for (int s = 0; s < fluxJy.length; s++) {
      x[s] = (FIELD_RA + FIELD_SIZE_DEG / 2 - raDeg[s]) / FIELD_SIZE_DEG;
      y[s] = (FIELD_DEC + FIELD_SIZE_DEG / 2 - decDeg[s]) / FIELD_SIZE_DEG;
    }
    return vertx.executeBlocking(() -> MosaicPreview.write(preview, x, y, fluxJy, noiseJy, k))
        .compose(file -> ask(Addresses.PRODUCTS_MOSAIC_ADD, new JsonObject().put("path", "/demo/mosaics/" + name + ".fits").put("name", name)
            .put("start_mjd", lastMjd - (OBSERVATIONS_PER_MOSAIC - 1) * DAYS_PER_OBSERVATION).put("end_mjd", lastMjd + DAYS_PER_OBSERVATION)
            .put("integration_sec", OBSERVATIONS_PER_MOSAIC * 300.0).put("n_images", OBSERVATIONS_PER_MOSAIC)
            .put("center_ra_deg", fieldRa(k - OBSERVATIONS_PER_MOSAIC / 2)).put("center_dec_deg", 42.0).put("dec_min_deg", 40.0)
            .put("dec_max_deg", 44.0).put("noise_jy", noiseJy).put("beam_major_arcsec", 15.0).put("beam_minor_arcsec", 12.5)
            .put("beam_pa_deg", 30.0).put("n_sources", fluxJy.length).put("thumbnail_path", file.toString())));
  }

  /** A K/BP/G set valid for six observations; every third set is skipped, leaving a gap in the coverage. */
  private Future<JsonObject> registerCalibration(int k, double mjd) {
    JsonArray tables = new JsonArray();
    String name = String.format("demo_3c286_%d", k);
    for (String type : new String[] {"K", "BP", "G"}) {
      tables.add(new JsonObject().put("path", "/demo/cal/" + name + "." + type).put("table_type", type)
          .put("valid_start_mjd", mjd).put("valid_end_mjd", mjd + 6 * DAYS_PER_OBSERVATION));
    }
    return ask(Addresses.CAL_SET_REGISTER, new JsonObject().put("set_name", name).put("tables", tables));
  }

  private static double fieldRa(int k) {
    return (188.0 + k * 1.25) % 360;
  }

  /** Steady sources scatter within their errors; wandering ones drift and then jump, as an ESE would. */
  private JsonArray photometry(int k) {
    JsonArray rows = new JsonArray();
    for (int s = 0; s < fluxJy.length; s++) {
      double error = 0.0004 + 0.02 * fluxJy[s];
      double flux = fluxJy[s] + random.nextGaussian() * error;
      if (wandering[s] && k >= 4) {
        flux *= 1 + 0.6 * Math.sin((k + s) / 2.0);
      }
      rows.add(new JsonObject().put("source_id", String.format("DEMO J%04d+42", s)).put("ra_deg", raDeg[s])
          .put("dec_deg", decDeg[s]).put("nvss_flux_mjy", fluxJy[s] * 1000).put("peak_jyb", flux)
          .put("peak_err_jyb", error).put("snr", flux / error).put("sep_from_center_deg", (s % 100) * 0.02));
    }
    return rows;
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return bridge.request(address, body).map(reply -> {
      if ("err".equals(reply.getString("type"))) {
        throw new IllegalStateException(address + " refused: " + reply.getString("message"));
      }
      return reply;
    });
  }
}

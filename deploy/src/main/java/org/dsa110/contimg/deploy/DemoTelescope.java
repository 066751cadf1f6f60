package org.dsa110.contimg.deploy;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.dsa110.contimg.common.bridge.BridgeClient;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --demo}: a compressed telescope that talks to the hub through the TCP bridge exactly as
 * the pipeline's services do. Every tick is one five-minute observation: sixteen (empty) subband
 * files, a converter that claims and completes the group, a calibration set now and then (with
 * gaps), the image, and forced photometry of a synthetic field with the systematics real DSA-110
 * images have: every image scaled by a common gain error (5%, plus a slow drift), a 1% per-source
 * residual, and errors that are thermal only (the image's rms). Its catalogue, imported at start,
 * gives the hub the references it normalises with. A few sources undergo ESE-like dips and rises
 * (10-50%, with caustic brightenings), on the demo's compressed clock lasting tens of observations
 * instead of weeks, so candidates appear within minutes.
 */
final class DemoTelescope extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(DemoTelescope.class);
  private static final DateTimeFormatter GROUP_ID =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
  private static final double DAYS_PER_OBSERVATION = 5.0 / 1440;
  private static final double UNIX_EPOCH_MJD = 40587;
  private static final int OBSERVATIONS_PER_MOSAIC = 12;

  /** The synthetic sources lie in one field of this size (degrees) around this centre. */
  private static final double FIELD_RA = 188.5;

  private static final double FIELD_DEC = 42.0;
  private static final double FIELD_SIZE_DEG = 3.0;
  private static final DateTimeFormatter MOSAIC_NAME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'_'HH-mm");

  private final Random random = new Random(110);
  private BridgeClient bridge;
  private Path incoming;
  private Path products;
  private LocalDateTime start;
  private double[] fluxJy;
  private boolean[] wandering;
  private double[] eventStart;
  private double[] eventLength;
  private double[] eventDepth;
  private double[] raDeg;
  private double[] decDeg;
  private int observation;
  private long timer;
  private Future<Void> observing = Future.succeededFuture();

  @Override
  public Future<?> start() {
    Settings settings = new Settings(config());
    int sources = settings.integer("demo.sources", 10, 100_000);
    double variable =
        Math.min(
            1,
            ((Number) config().getJsonObject("demo").getValue("variable_fraction")).doubleValue());
    fluxJy = new double[sources];
    wandering = new boolean[sources];
    eventStart = new double[sources];
    eventLength = new double[sources];
    eventDepth = new double[sources];
    raDeg = new double[sources];
    decDeg = new double[sources];
    for (int s = 0; s < sources; s++) {
      fluxJy[s] = 0.005 * Math.pow(1 - random.nextDouble(), -1 / 1.5);
      wandering[s] = random.nextDouble() < variable;
      eventStart[s] = 8 + random.nextInt(40);
      eventLength[s] = 10 + random.nextInt(50);
      eventDepth[s] = (random.nextDouble() < 0.25 ? 1 : -1) * (0.1 + 0.4 * random.nextDouble());
      raDeg[s] = FIELD_RA + (random.nextDouble() - 0.5) * FIELD_SIZE_DEG;
      decDeg[s] = FIELD_DEC + (random.nextDouble() - 0.5) * FIELD_SIZE_DEG;
    }
    incoming = settings.stateDir().resolve("demo/incoming");
    products = demoProducts(settings.stateDir());
    start = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
    long interval = settings.integer("demo.interval_ms", 100, 3_600_000);
    Path catalogue = settings.stateDir().resolve("demo/catalogue.csv");
    return vertx
        .executeBlocking(
            () -> {
              Files.createDirectories(products);
              Files.writeString(catalogue, catalogue());
              return Files.createDirectories(incoming);
            })
        .compose(dir -> importCatalogue(catalogue))
        .compose(
            dir ->
                BridgeClient.connect(
                    vertx,
                    settings.integer("bridge.port", 1, 65535),
                    settings.stringOrNull("bridge.token")))
        .onSuccess(
            client -> {
              bridge = client;
              LOG.info(
                  "demo telescope: one observation every {} ms, {} sources ({} wandering)",
                  interval,
                  sources,
                  IntStream.range(0, sources).filter(s -> wandering[s]).count());
              timer = vertx.setPeriodic(0, interval, id -> observeUnlessBusy());
            });
  }

  /**
   * The field's catalogue as an NVSS crossmatch would give it: fluxes that differ from today's by a
   * few percent, NVSS S/N from a 0.45 mJy rms, and some sources resolved or confused (never
   * references).
   */
  private String catalogue() {
    StringBuilder csv =
        new StringBuilder(
            "source_id,ra_deg,dec_deg,s_nvss,snr_nvss,resolved_flag,confusion_flag\n");
    Random sky = new Random(42);
    for (int s = 0; s < fluxJy.length; s++) {
      double nvss = fluxJy[s] * (1 + 0.07 * sky.nextGaussian());
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%.6f,%.6f,%.6f,%.1f,%d,%d%n",
              sourceId(s),
              raDeg[s],
              decDeg[s],
              nvss,
              nvss / 0.00045,
              sky.nextDouble() < 0.1 ? 1 : 0,
              sky.nextDouble() < 0.05 ? 1 : 0));
    }
    return csv.toString();
  }

  /**
   * Through the catalogue owner, as an operator's catalog.import would; without one, images wait
   * unnormalised.
   */
  private Future<Void> importCatalogue(Path file) {
    return vertx
        .eventBus()
        .request(
            Addresses.CATALOG_IMPORT,
            new JsonObject()
                .put("path", file.toString())
                .put("format", "csv")
                .put("mode", "strict"),
            new DeliveryOptions().setSendTimeout(60_000))
        .<Void>mapEmpty()
        .recover(
            failure -> {
              LOG.warn(
                  "demo telescope: its catalogue could not be imported ({}); images wait until a catalogue is there",
                  failure.getMessage());
              return Future.succeededFuture();
            });
  }

  private static String sourceId(int s) {
    return String.format("DEMO J%04d+42", s);
  }

  private static Path demoProducts(Path stateDir) {
    return stateDir.resolve("demo/products");
  }

  /** What the demo changes in the hub's configuration before the hub starts (see the two steps). */
  static void adjust(JsonObject config) {
    servePreviews(config);
    compressTimeScales(config);
  }

  /**
   * The dashboard shows mosaic previews through the artifacts route, which serves files under the
   * gateway's data root only: unless one is configured, point it at the folder the demo writes its
   * previews to.
   */
  private static void servePreviews(JsonObject config) {
    JsonObject gateway = config.getJsonObject("gateway");
    if (gateway.getString("data_root") == null) {
      gateway.put("data_root", demoProducts(new Settings(config).stateDir()).toString());
    }
  }

  /**
   * The demo's clock runs an observation every five minutes of MJD, so its events last hours, not
   * weeks: unless the slow detector's time scales were configured, they shrink by the same factor
   * (0.02 to 0.6 days).
   */
  private static void compressTimeScales(JsonObject config) {
    JsonObject variability = config.getJsonObject("variability");
    if (variability
        .getJsonArray("slow_scales_days")
        .equals(
            HubConfig.defaults().getJsonObject("variability").getJsonArray("slow_scales_days"))) {
      variability.put("slow_scales_days", new JsonArray().add(0.02).add(0.06).add(0.2).add(0.6));
    }
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return observing.transform(done -> bridge == null ? Future.succeededFuture() : bridge.close());
  }

  /**
   * One observation at a time, as a telescope makes them: a tick that finds the last one still
   * being recorded is skipped, and stopping waits for the one in flight, so the demo never leaves
   * half an observation behind.
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
      chain =
          chain
              .compose(done -> vertx.fileSystem().writeFile(file.toString(), Buffer.buffer()))
              .compose(
                  done ->
                      ask(
                          Addresses.INGEST_SUBBAND_ADD,
                          new JsonObject().put("file_path", file.toString()).put("file_size", 0)));
    }
    String ms = "/demo/ms/" + group + ".ms";
    String image = "/demo/images/" + group + ".image.pbcor.fits";
    double noiseJy = 0.0004 + random.nextDouble() * 0.0001;
    return chain
        .compose(
            done ->
                ask(Addresses.INGEST_GROUP_CLAIM, new JsonObject().put("worker", "demo-converter")))
        .compose(
            claim ->
                claim.getBoolean("claimed")
                    ? ask(
                        Addresses.INGEST_GROUP_COMPLETE,
                        new JsonObject()
                            .put("group_id", claim.getJsonObject("group").getString("group_id"))
                            .put("worker", "demo-converter")
                            .put(
                                "metrics",
                                new JsonObject()
                                    .put("writer_type", "direct-subband")
                                    .put("conversion_time", 60 + random.nextDouble() * 30)
                                    .put("total_time", 240 + random.nextDouble() * 60)))
                    : Future.succeededFuture(claim))
        .compose(
            done ->
                k % 6 == 0 && k % 18 != 12 ? registerCalibration(k, mjd) : Future.succeededFuture())
        .compose(
            done ->
                ask(
                    Addresses.PRODUCTS_MS_UPSERT,
                    new JsonObject()
                        .put("path", ms)
                        .put("mid_mjd", mjd)
                        .put("stage", "calibrated")
                        .put("status", "ok")
                        .put("cal_applied", true)
                        .put("field_name", "J1234+42")
                        .put("pointing_ra_deg", fieldRa(k))
                        .put("pointing_dec_deg", 42.0)))
        .compose(
            done ->
                ask(
                    Addresses.PRODUCTS_IMAGE_ADD,
                    new JsonObject()
                        .put("path", image)
                        .put("ms_path", ms)
                        .put("type", "image")
                        .put("noise_jy", noiseJy)
                        .put("beam_major_arcsec", 15.0)
                        .put("beam_minor_arcsec", 12.5)
                        .put("beam_pa_deg", 30.0)
                        .put("dynamic_range", 800 + random.nextInt(400))
                        .put("field_name", "J1234+42")
                        .put("center_ra_deg", fieldRa(k))
                        .put("center_dec_deg", 42.0)))
        .compose(
            done ->
                ask(
                    Addresses.PRODUCTS_PHOTOMETRY_ADD,
                    new JsonObject()
                        .put("image_path", image)
                        .put("mjd", mjd)
                        .put("measurements", photometry(k, noiseJy))))
        .compose(
            done ->
                ask(
                    Addresses.PRODUCTS_POINTING_ADD,
                    new JsonObject()
                        .put("timestamp", (mjd - UNIX_EPOCH_MJD) * 86400)
                        .put("mjd", mjd)
                        .put("ra_deg", fieldRa(k))
                        .put("dec_deg", 42.0)
                        .put("alt_deg", 88.0)
                        .put("field_name", "J1234+42")))
        .compose(
            done ->
                k % OBSERVATIONS_PER_MOSAIC == OBSERVATIONS_PER_MOSAIC - 1
                    ? addMosaic(k, at, mjd)
                    : Future.succeededFuture())
        .mapEmpty();
  }

  /**
   * Every hour of observations, a mosaic with its PNG preview under the products folder the gateway
   * serves.
   */
  private Future<JsonObject> addMosaic(int k, LocalDateTime last, double lastMjd) {
    String name =
        last.minusMinutes(5L * (OBSERVATIONS_PER_MOSAIC - 1)).format(MOSAIC_NAME) + "_hourly";
    Path preview = products.resolve("mosaics/" + name + ".png");
    double noiseJy = 0.00012 + random.nextDouble() * 0.00003;
    double[] x = new double[fluxJy.length];
    double[] y = new double[fluxJy.length];
    for (int s = 0; s < fluxJy.length; s++) {
      x[s] = (FIELD_RA + FIELD_SIZE_DEG / 2 - raDeg[s]) / FIELD_SIZE_DEG;
      y[s] = (FIELD_DEC + FIELD_SIZE_DEG / 2 - decDeg[s]) / FIELD_SIZE_DEG;
    }
    return vertx
        .executeBlocking(() -> MosaicPreview.write(preview, x, y, fluxJy, noiseJy, k))
        .compose(
            file ->
                ask(
                    Addresses.PRODUCTS_MOSAIC_ADD,
                    new JsonObject()
                        .put("path", "/demo/mosaics/" + name + ".fits")
                        .put("name", name)
                        .put(
                            "start_mjd",
                            lastMjd - (OBSERVATIONS_PER_MOSAIC - 1) * DAYS_PER_OBSERVATION)
                        .put("end_mjd", lastMjd + DAYS_PER_OBSERVATION)
                        .put("integration_sec", OBSERVATIONS_PER_MOSAIC * 300.0)
                        .put("n_images", OBSERVATIONS_PER_MOSAIC)
                        .put("center_ra_deg", fieldRa(k - OBSERVATIONS_PER_MOSAIC / 2))
                        .put("center_dec_deg", 42.0)
                        .put("dec_min_deg", 40.0)
                        .put("dec_max_deg", 44.0)
                        .put("noise_jy", noiseJy)
                        .put("beam_major_arcsec", 15.0)
                        .put("beam_minor_arcsec", 12.5)
                        .put("beam_pa_deg", 30.0)
                        .put("n_sources", fluxJy.length)
                        .put("thumbnail_path", file.toString())));
  }

  /**
   * A K/BP/G set valid for six observations; every third set is skipped, leaving a gap in the
   * coverage.
   */
  private Future<JsonObject> registerCalibration(int k, double mjd) {
    JsonArray tables = new JsonArray();
    String name = String.format("demo_3c286_%d", k);
    for (String type : new String[] {"K", "BP", "G"}) {
      tables.add(
          new JsonObject()
              .put("path", "/demo/cal/" + name + "." + type)
              .put("table_type", type)
              .put("valid_start_mjd", mjd)
              .put("valid_end_mjd", mjd + 6 * DAYS_PER_OBSERVATION));
    }
    return ask(
        Addresses.CAL_SET_REGISTER, new JsonObject().put("set_name", name).put("tables", tables));
  }

  private static double fieldRa(int k) {
    return (188.0 + k * 1.25) % 360;
  }

  /**
   * Forced photometry of observation k: every flux scaled by the image's gain (5% at random, times
   * a slow drift), a 1% residual of its own and thermal noise at the image's rms, which is also the
   * only error reported. A wandering source dips (or rises) for a while, with brief caustic
   * brightenings at the edges of a dip.
   */
  private JsonArray photometry(int k, double noiseJy) {
    double gain =
        (1 + 0.03 * Math.sin(2 * Math.PI * k / 40.0)) * (1 + 0.05 * random.nextGaussian());
    JsonArray rows = new JsonArray();
    for (int s = 0; s < fluxJy.length; s++) {
      double truth = fluxJy[s] * (wandering[s] ? event(s, k) : 1);
      double flux =
          gain * truth * (1 + 0.01 * random.nextGaussian()) + noiseJy * random.nextGaussian();
      rows.add(
          new JsonObject()
              .put("source_id", sourceId(s))
              .put("ra_deg", raDeg[s])
              .put("dec_deg", decDeg[s])
              .put("nvss_flux_mjy", fluxJy[s] * 1000)
              .put("peak_jyb", flux)
              .put("peak_err_jyb", noiseJy)
              .put("snr", flux / noiseJy)
              .put("sep_from_center_deg", (s % 100) * 0.02));
    }
    return rows;
  }

  /**
   * The factor a wandering source's flux is multiplied by at observation k (one event every 120
   * observations).
   */
  private double event(int s, int k) {
    double t = k % 120 - eventStart[s];
    double end = eventLength[s];
    double edge = Math.max(1, 0.08 * end);
    double inside = 0.5 * (Math.tanh(t / edge) - Math.tanh((t - end) / edge));
    double caustic =
        eventDepth[s] < 0
            ? 0.5
                * Math.abs(eventDepth[s])
                * (Math.exp(-t * t / 4) + Math.exp(-(t - end) * (t - end) / 4))
            : 0;
    return 1 + eventDepth[s] * inside + caustic;
  }

  private Future<JsonObject> ask(String address, JsonObject body) {
    return bridge
        .request(address, body)
        .map(
            reply -> {
              if ("err".equals(reply.getString("type"))) {
                throw new IllegalStateException(
                    address + " refused: " + reply.getString("message"));
              }
              return reply;
            });
  }
}

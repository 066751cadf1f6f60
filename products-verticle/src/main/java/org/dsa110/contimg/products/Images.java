package org.dsa110.contimg.products;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dsa110.contimg.common.bus.Addresses;
import org.dsa110.contimg.common.bus.Committed;
import org.dsa110.contimg.common.bus.Fields;
import org.dsa110.contimg.common.bus.HubException;
import org.dsa110.contimg.common.bus.Mjd;
import org.dsa110.contimg.common.bus.Sky;
import org.dsa110.contimg.common.bus.UnixTime;
import org.dsa110.contimg.common.store.DbRow;
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Tx;
import org.dsa110.contimg.common.store.Where;

/** images: the image products of each Measurement Set. */
final class Images {
  static final Set<String> TYPES = Set.of("image", "pbcor", "residual", "mosaic");
  private static final Set<String> FORMATS = Set.of("fits", "casa");
  private static final List<String> NON_NEGATIVE =
      List.of(
          "beam_major_arcsec",
          "beam_minor_arcsec",
          "noise_jy",
          "dynamic_range",
          "cellsize_arcsec",
          "freq_ghz",
          "bandwidth_mhz",
          "integration_sec");
  private static final Set<String> FIELDS =
      Set.of(
          "path",
          "ms_path",
          "type",
          "format",
          "beam_major_arcsec",
          "beam_minor_arcsec",
          "beam_pa_deg",
          "noise_jy",
          "dynamic_range",
          "pbcor",
          "field_name",
          "center_ra_deg",
          "center_dec_deg",
          "imsize_x",
          "imsize_y",
          "cellsize_arcsec",
          "freq_ghz",
          "bandwidth_mhz",
          "integration_sec",
          "primary");

  /**
   * How the image was normalised (null before its photometry): status, gain and its error,
   * references used.
   */
  private static final String NORMALISATION =
      "g.status AS normalisation, g.gain, g.gain_err, g.n_used AS references_used";

  private final SqliteStore store;

  Images(SqliteStore store) {
    this.store = store;
  }

  /**
   * Records an image of an existing MS (404 otherwise); the same path again updates it rather than
   * adding a row. The primary image (by default a plain {@code image}) becomes the MS's imagename
   * and moves it to imaged.
   */
  Future<Committed> add(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(FIELDS);
    String path = fields.requiredString("path");
    String msPath = fields.requiredString("ms_path");
    String type = fields.requiredEnum("type", TYPES);
    boolean primary = fields.optionalBoolean("primary").orElse(type.equals("image"));
    double now = UnixTime.now();
    Upsert upsert =
        new Upsert("images", "path")
            .set("path", path)
            .set("ms_path", msPath)
            .onInsert("created_at", now)
            .set("type", type)
            .set("format", fields.optionalEnum("format", FORMATS).orElse(null))
            .set("beam_pa_deg", fields.optionalDouble("beam_pa_deg").orElse(null))
            .set("pbcor", fields.optionalBoolean("pbcor").map(b -> b ? 1 : 0).orElse(null))
            .set("field_name", fields.optionalString("field_name").orElse(null))
            .set("center_ra_deg", Sky.optionalRa(fields, "center_ra_deg").orElse(null))
            .set("center_dec_deg", Sky.optionalDec(fields, "center_dec_deg").orElse(null))
            .set("imsize_x", fields.optionalLong("imsize_x", 1, 1_000_000).orElse(null))
            .set("imsize_y", fields.optionalLong("imsize_y", 1, 1_000_000).orElse(null));
    NON_NEGATIVE.forEach(
        column -> upsert.set(column, fields.optionalNonNegative(column).orElse(null)));
    return store.write(
        tx -> {
          if (!MeasurementSets.exists(tx, msPath)) {
            throw HubException.notFound(
                "no MS " + msPath + " (ms_path); record it with products.ms.upsert first");
          }
          msPathOf(tx, path)
              .filter(recorded -> !recorded.equals(msPath))
              .ifPresent(
                  recorded -> {
                    throw HubException.conflict(
                        "image "
                            + path
                            + " is already recorded for MS "
                            + recorded
                            + ", not "
                            + msPath);
                  });
          tx.update(upsert.sql(), upsert.arguments());
          if (primary) {
            MeasurementSets.advance(tx, msPath, Stage.IMAGED, path, now);
          }
          JsonObject image =
              tx.first("SELECT * FROM images WHERE path = ?", path).orElseThrow().toJson();
          return new Committed(
              image,
              List.of(
                  new Committed.Event(
                      Addresses.EVENTS_PRODUCTS,
                      new JsonObject()
                          .put("type", "image")
                          .put("id", image.getLong("id"))
                          .put("path", path)
                          .put("ms_path", msPath)
                          .put("image_type", type))));
        });
  }

  /**
   * The image's rms noise (Jy/beam; empty inside when unknown); empty when there is no such image.
   */
  /** An image's noise and type, and the times of the MS it was made from (null where unknown). */
  static Optional<DbRow> observedBy(Tx tx, String imagePath) {
    return tx.first(
        "SELECT i.noise_jy, i.type, m.start_mjd, m.mid_mjd, m.end_mjd FROM images i LEFT JOIN ms_index m ON m.path = i.ms_path "
            + "WHERE i.path = ?",
        imagePath);
  }

  static Optional<String> msPathOf(Tx tx, String imagePath) {
    return tx.first("SELECT ms_path FROM images WHERE path = ?", imagePath)
        .map(row -> row.getString("ms_path"));
  }

  /** One image by id, with its MS's observation time. */
  Future<JsonObject> get(JsonObject body) {
    long id =
        Fields.of(body)
            .allowOnly(Set.of("id"))
            .optionalLong("id", 1, Long.MAX_VALUE)
            .orElseThrow(() -> HubException.badRequest("id", "is required"));
    return store.read(
        tx ->
            tx.first(
                    "SELECT i.*, m.mid_mjd, "
                        + NORMALISATION
                        + " FROM images i LEFT JOIN ms_index m ON m.path = i.ms_path "
                        + "LEFT JOIN hub_image_gains g ON g.image_path = i.path WHERE i.id = ?",
                    id)
                .map(DbRow::toJson)
                .orElseThrow(() -> HubException.notFound("no image with id " + id)));
  }

  /**
   * Images by type, field, primary-beam correction, observation time (their MS's mid_mjd) and
   * recording time.
   */
  Future<JsonObject> list(JsonObject body) {
    Fields fields =
        Fields.of(body)
            .allowOnly(
                Set.of(
                    "type",
                    "field",
                    "pbcor",
                    "start_mjd",
                    "end_mjd",
                    "created_after",
                    "created_before",
                    "limit",
                    "offset"));
    Optional<String> type = fields.optionalEnum("type", TYPES);
    Optional<String> field = fields.optionalString("field");
    Optional<Boolean> pbcor = fields.optionalBoolean("pbcor");
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Optional<Double> after = fields.optionalNonNegative("created_after");
    Optional<Double> before = fields.optionalNonNegative("created_before");
    Pages pages = Pages.of(fields);
    Where where =
        new Where()
            .addIfPresent(type, "i.type = ?")
            .addIfPresent(field, "i.field_name = ?")
            .addIfPresent(pbcor.map(b -> b ? 1 : 0), "i.pbcor = ?")
            .addIfPresent(start, "m.mid_mjd >= ?")
            .addIfPresent(end, "m.mid_mjd <= ?")
            .addIfPresent(after, "i.created_at >= ?")
            .addIfPresent(before, "i.created_at <= ?");
    String from =
        " FROM images i LEFT JOIN ms_index m ON m.path = i.ms_path LEFT JOIN hub_image_gains g ON g.image_path = i.path"
            + where.sql();
    return store.read(
        tx ->
            new JsonObject()
                .put(
                    "images",
                    Pages.rows(
                        tx.query(
                            "SELECT i.*, m.mid_mjd, "
                                + NORMALISATION
                                + from
                                + " ORDER BY i.created_at DESC, i.id DESC LIMIT ? OFFSET ?",
                            where.arguments(pages.limit(), pages.offset()))))
                .put("total", tx.count("SELECT COUNT(*)" + from, where.arguments()))
                .put("limit", pages.limit())
                .put("offset", pages.offset()));
  }
}

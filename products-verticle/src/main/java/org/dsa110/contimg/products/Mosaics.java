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
import org.dsa110.contimg.common.store.Pages;
import org.dsa110.contimg.common.store.SqliteStore;
import org.dsa110.contimg.common.store.Where;

/** mosaics: pre-generated mosaic images and the time range each covers. */
final class Mosaics {
  private static final List<String> NON_NEGATIVE =
      List.of("integration_sec", "noise_jy", "beam_major_arcsec", "beam_minor_arcsec");
  private static final Set<String> FIELDS =
      Set.of(
          "path",
          "name",
          "start_mjd",
          "end_mjd",
          "integration_sec",
          "n_images",
          "center_ra_deg",
          "center_dec_deg",
          "dec_min_deg",
          "dec_max_deg",
          "noise_jy",
          "beam_major_arcsec",
          "beam_minor_arcsec",
          "beam_pa_deg",
          "n_sources",
          "thumbnail_path");

  private final SqliteStore store;

  Mosaics(SqliteStore store) {
    this.store = store;
  }

  /** Records a mosaic; the same path again updates it. */
  Future<Committed> add(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(FIELDS);
    String path = fields.requiredString("path");
    double start = Mjd.required(fields, "start_mjd");
    double end = Mjd.required(fields, "end_mjd");
    if (!(start < end)) {
      throw HubException.badRequest(
          "end_mjd", "must be after start_mjd (" + start + "), got " + end);
    }
    Optional<Double> decMin = Sky.optionalDec(fields, "dec_min_deg");
    Optional<Double> decMax = Sky.optionalDec(fields, "dec_max_deg");
    if (decMin.isPresent() && decMax.isPresent() && decMin.get() > decMax.get()) {
      throw HubException.badRequest(
          "dec_max_deg", "must not be below dec_min_deg (" + decMin.get() + ")");
    }
    Upsert upsert =
        new Upsert("mosaics", "path")
            .set("path", path)
            .set("name", fields.requiredString("name"))
            .onInsert("created_at", UnixTime.now())
            .set("start_mjd", start)
            .set("end_mjd", end)
            .set("n_images", fields.optionalLong("n_images", 0, Integer.MAX_VALUE).orElse(null))
            .set("n_sources", fields.optionalLong("n_sources", 0, Integer.MAX_VALUE).orElse(null))
            .set("center_ra_deg", Sky.optionalRa(fields, "center_ra_deg").orElse(null))
            .set("center_dec_deg", Sky.optionalDec(fields, "center_dec_deg").orElse(null))
            .set("dec_min_deg", decMin.orElse(null))
            .set("dec_max_deg", decMax.orElse(null))
            .set("beam_pa_deg", fields.optionalDouble("beam_pa_deg").orElse(null))
            .set("thumbnail_path", fields.optionalString("thumbnail_path").orElse(null));
    NON_NEGATIVE.forEach(
        column -> upsert.set(column, fields.optionalNonNegative(column).orElse(null)));
    return store.write(
        tx -> {
          tx.update(upsert.sql(), upsert.arguments());
          JsonObject mosaic =
              tx.first("SELECT * FROM mosaics WHERE path = ?", path).orElseThrow().toJson();
          return new Committed(
              mosaic,
              List.of(
                  new Committed.Event(
                      Addresses.EVENTS_PRODUCTS,
                      new JsonObject()
                          .put("type", "mosaic")
                          .put("id", mosaic.getLong("id"))
                          .put("path", path)
                          .put("name", mosaic.getString("name")))));
        });
  }

  /**
   * The seed's "recent mosaics" query, newest first, optionally only those overlapping an MJD
   * range.
   */
  Future<JsonObject> list(JsonObject body) {
    Fields fields = Fields.of(body).allowOnly(Set.of("start_mjd", "end_mjd", "limit", "offset"));
    Optional<Double> start = Mjd.optional(fields, "start_mjd");
    Optional<Double> end = Mjd.optional(fields, "end_mjd");
    Pages pages = Pages.of(fields);
    Where where =
        new Where().addIfPresent(start, "end_mjd >= ?").addIfPresent(end, "start_mjd <= ?");
    return store.read(
        tx ->
            new JsonObject()
                .put(
                    "mosaics",
                    Pages.rows(
                        tx.query(
                            "SELECT id, name, path, start_mjd, end_mjd, integration_sec / 3600.0 AS hours, n_images, "
                                + "n_sources, noise_jy * 1000 AS noise_mjy, thumbnail_path, created_at FROM mosaics"
                                + where.sql()
                                + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                            where.arguments(pages.limit(), pages.offset()))))
                .put(
                    "total",
                    tx.count("SELECT COUNT(*) FROM mosaics" + where.sql(), where.arguments()))
                .put("limit", pages.limit())
                .put("offset", pages.offset()));
  }
}

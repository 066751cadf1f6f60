package org.dsa110.contimg.catalog;

import static org.dsa110.contimg.common.bus.Addresses.CATALOG_CONE_SEARCH;
import static org.dsa110.contimg.common.bus.Addresses.CATALOG_IMPORT;
import static org.dsa110.contimg.common.bus.Addresses.CATALOG_REFERENCES_AMONG;
import static org.dsa110.contimg.common.bus.Addresses.CATALOG_SOURCE_GET;
import static org.dsa110.contimg.common.bus.Addresses.CATALOG_STATS;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/**
 * Owner of catalogs/master_sources.sqlite3: the crossmatched NVSS/VLASS/FIRST sources and their
 * reference views.
 */
public class CatalogVerticle extends OwnerVerticle {

  public CatalogVerticle() {
    super(Owner.CATALOG, "catalogs/master_sources.sqlite3", "db/catalog/001-seed.sql");
  }

  @Override
  protected Future<?> startServing() {
    CatalogImport importer = new CatalogImport(vertx, store());
    ConeSearch cone = new ConeSearch(store());
    CatalogQueries queries = new CatalogQueries(store());
    serveWrite(CATALOG_IMPORT, importer::run);
    serve(CATALOG_CONE_SEARCH, cone::search);
    serve(CATALOG_SOURCE_GET, queries::source);
    serve(CATALOG_STATS, queries::stats);
    serve(CATALOG_REFERENCES_AMONG, queries::referencesAmong);
    return Future.succeededFuture();
  }
}

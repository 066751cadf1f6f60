package org.dsa110.contimg.products;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/** Owner of catalogs/master_sources.sqlite3: the crossmatched NVSS/VLASS/FIRST sources and their reference views. */
public class CatalogVerticle extends OwnerVerticle {

  public CatalogVerticle() {
    super(Owner.CATALOG, "catalogs/master_sources.sqlite3", "db/catalog/001-seed.sql");
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}

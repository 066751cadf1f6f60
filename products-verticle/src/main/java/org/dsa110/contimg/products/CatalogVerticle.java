package org.dsa110.contimg.products;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.store.Migrations;

import java.nio.file.Path;
import java.util.Optional;

/** Owner of catalogs/master_sources.sqlite3: the crossmatched NVSS/VLASS/FIRST sources and their reference views. */
public class CatalogVerticle extends OwnerVerticle {
  private static final Migrations MIGRATIONS = Migrations.fromResources(CatalogVerticle.class.getClassLoader(), "db/catalog/001-seed.sql");

  @Override
  protected Owner owner() {
    return Owner.CATALOG;
  }

  @Override
  protected Optional<Database> database() {
    return Optional.of(new Database(Path.of("catalogs/master_sources.sqlite3"), MIGRATIONS));
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}

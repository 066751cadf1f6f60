package org.dsa110.contimg.products;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.store.Migrations;

import java.nio.file.Path;
import java.util.Optional;

/** Owner of products.sqlite3: MS index, images, photometry, variability, ESE candidates, mosaics, QA, pointing, alert history. */
public class ProductsVerticle extends OwnerVerticle {
  private static final Migrations MIGRATIONS = Migrations.fromResources(ProductsVerticle.class.getClassLoader(), "db/products/001-seed.sql");

  @Override
  protected Owner owner() {
    return Owner.PRODUCTS;
  }

  @Override
  protected Optional<Database> database() {
    return Optional.of(new Database(Path.of("products.sqlite3"), MIGRATIONS));
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}

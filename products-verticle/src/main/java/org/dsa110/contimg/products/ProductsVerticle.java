package org.dsa110.contimg.products;

import io.vertx.core.Future;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.bus.Owner;

/** Owner of products.sqlite3: MS index, images, photometry, variability, ESE candidates, mosaics, QA, pointing, alert history. */
public class ProductsVerticle extends OwnerVerticle {

  public ProductsVerticle() {
    super(Owner.PRODUCTS, "products.sqlite3", "db/products/001-seed.sql");
  }

  @Override
  protected Future<?> startServing() {
    return Future.succeededFuture();
  }
}

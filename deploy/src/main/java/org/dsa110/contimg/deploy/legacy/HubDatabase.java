package org.dsa110.contimg.deploy.legacy;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.dsa110.contimg.calibration.CalibrationVerticle;
import org.dsa110.contimg.catalog.CatalogVerticle;
import org.dsa110.contimg.common.OwnerVerticle;
import org.dsa110.contimg.common.store.Migrations;
import org.dsa110.contimg.ingest.IngestVerticle;
import org.dsa110.contimg.products.ProductsVerticle;

/**
 * The hub's four database files, each where its owner opens it and with its owner's schema steps.
 */
enum HubDatabase {
  INGEST(IngestVerticle::new),
  CALIBRATION(CalibrationVerticle::new),
  PRODUCTS(ProductsVerticle::new),
  CATALOG(CatalogVerticle::new);

  private final Path relativePath;
  private final Migrations migrations;

  HubDatabase(Supplier<OwnerVerticle> owner) {
    // the owner itself says where its file is and how it is made, so the import can never disagree
    // with it
    OwnerVerticle verticle = owner.get();
    this.relativePath = verticle.databaseFile().orElseThrow();
    this.migrations = verticle.migrations().orElseThrow();
  }

  Path relativePath() {
    return relativePath;
  }

  Migrations migrations() {
    return migrations;
  }
}

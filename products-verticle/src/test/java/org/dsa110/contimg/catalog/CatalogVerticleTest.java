package org.dsa110.contimg.catalog;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.dsa110.contimg.common.bus.Owner;
import org.dsa110.contimg.common.testing.SeedSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CatalogVerticleTest {
  @TempDir Path stateDir;

  @Test
  void createsTheSeedSchemaAndAnswersItsHealthCheck(Vertx vertx) throws Exception {
    SeedSchema.assertOwnerCreatesSeedSchema(
        vertx,
        new CatalogVerticle(),
        Owner.CATALOG,
        stateDir,
        "catalogs/master_sources.sqlite3",
        "db/catalog/001-seed.sql");
  }
}

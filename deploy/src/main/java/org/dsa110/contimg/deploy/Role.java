package org.dsa110.contimg.deploy;

import io.vertx.core.Deployable;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.dsa110.contimg.alerts.AlertsVerticle;
import org.dsa110.contimg.calibration.CalibrationVerticle;
import org.dsa110.contimg.catalog.CatalogVerticle;
import org.dsa110.contimg.gateway.GatewayVerticle;
import org.dsa110.contimg.ingest.IngestVerticle;
import org.dsa110.contimg.products.ProductsVerticle;

/**
 * What one JVM can run, by the names of {@code --verticles}; owners come before the gateway that
 * fronts them.
 */
enum Role {
  INGEST(IngestVerticle::new),
  CALIBRATION(CalibrationVerticle::new),
  PRODUCTS(ProductsVerticle::new),
  CATALOG(CatalogVerticle::new),
  ALERTS(AlertsVerticle::new),
  GATEWAY(GatewayVerticle::new);

  private final Supplier<Deployable> factory;

  Role(Supplier<Deployable> factory) {
    this.factory = factory;
  }

  Deployable create() {
    return factory.get();
  }

  String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Role> byName(String name) {
    return Arrays.stream(values()).filter(r -> r.displayName().equals(name.strip())).findFirst();
  }
}

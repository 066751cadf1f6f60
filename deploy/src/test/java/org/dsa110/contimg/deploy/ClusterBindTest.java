package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.dsa110.contimg.common.config.HubConfig;
import org.dsa110.contimg.common.config.Settings;
import org.junit.jupiter.api.Test;

/**
 * With CONTIMG_CLUSTER_HOST=127.0.0.1 the cluster's ports answer on loopback and on no other
 * interface.
 */
class ClusterBindTest {
  @Test
  void hazelcastAndTheEventBusListenOnlyWhereTheyAreTold() throws Exception {
    Optional<InetAddress> other = nonLoopbackAddress();
    assumeTrue(other.isPresent(), "this machine has no other interface to try");
    int hazelcast = HubHarness.freePort();
    int bus = HubHarness.freePort();
    JsonObject config =
        HubConfig.resolve(
            new JsonObject(),
            Map.of(
                "CONTIMG_CLUSTER_HOST",
                "127.0.0.1",
                "CONTIMG_CLUSTER_PORT",
                String.valueOf(hazelcast),
                "CONTIMG_CLUSTER_BUS_PORT",
                String.valueOf(bus),
                "CONTIMG_CLUSTER_NAME",
                "bind-test-" + hazelcast));
    Vertx vertx = await(HubVertx.createClustered(new Settings(config)));
    try {
      for (int port : new int[] {hazelcast, bus}) {
        assertThat(reachable(InetAddress.getLoopbackAddress(), port))
            .as("loopback port " + port)
            .isTrue();
        assertThat(reachable(other.get(), port)).as(other.get() + " port " + port).isFalse();
      }
    } finally {
      await(vertx.close());
    }
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }
}

package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test client every HTTP test goes through asks for a response's body in the callback that
 * receives the response. Chained one step later ({@code .compose(send).compose(body)}), the body
 * was sometimes asked for after Vert.x 5.0.8 had already processed the response's end, and the
 * request never completed (eclipse-vertx/vert.x#6038): 6 and 13 of 6,000 requests over fresh
 * clients on two loaded cores, none nested. In full suite runs it showed as one test a run waiting
 * 30 s on "headers 200, then nothing".
 */
@ExtendWith(VertxExtension.class)
class HubHarnessTest {
  private static final int REQUESTS = 3000;

  @Test
  void everyRequestOverFreshClientsIsAnsweredWithItsBody(Vertx vertx) throws Exception {
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request
                            .response()
                            .putHeader("Content-Type", "application/json")
                            .end("{\"n\":" + request.getParam("n") + "}"))
                .listen(0, "0.0.0.0"));
    HubHarness harness = null;
    for (int n = 0; n < REQUESTS; n++) {
      if (n % 5 == 0) {
        harness = new HubHarness(vertx, server.actualPort());
      }
      HubHarness.Response response =
          await(harness.get("/?n=" + n), 5, "request " + n + " of " + REQUESTS + " and its body");
      assertThat(response.body().getInteger("n")).isEqualTo(n);
    }
  }
}

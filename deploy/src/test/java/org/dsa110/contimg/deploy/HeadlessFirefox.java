package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dsa110.contimg.common.testing.HubTest.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi, which Firefox serves itself on a
 * WebSocket ({@code --remote-debugging-port}): no geckodriver, which Debian does not package and
 * this network cannot fetch. Only what the dashboard tests need: navigate, evaluate, wait, console
 * errors, viewport and screenshots.
 */
final class HeadlessFirefox implements AutoCloseable {
  private static final Path FIREFOX = Path.of("/usr/bin/firefox-esr");

  /** Keep the browser off the network it does not have, and quiet. */
  private static final List<String> PREFERENCES =
      List.of(
          "user_pref(\"browser.shell.checkDefaultBrowser\", false);",
          "user_pref(\"app.update.disabledForTesting\", true);",
          "user_pref(\"datareporting.policy.dataSubmissionEnabled\", false);",
          "user_pref(\"toolkit.telemetry.reportingpolicy.firstRun\", false);",
          "user_pref(\"network.captive-portal-service.enabled\", false);",
          "user_pref(\"network.connectivity-service.enabled\", false);",
          "user_pref(\"browser.safebrowsing.update.enabled\", false);",
          "user_pref(\"extensions.update.enabled\", false);",
          "user_pref(\"services.settings.server\", \"data:,\");");

  private final BrowserProfile profile;
  private final Process process;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Promise<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final String context;

  HeadlessFirefox(Vertx vertx) throws Exception {
    assertThat(Files.isExecutable(FIREFOX))
        .as(
            "the Firefox tests need Debian's firefox-esr: apt-get install -y firefox-esr (.ci/run does)")
        .isTrue();
    profile = BrowserProfile.create("firefox");
    Files.write(profile.dir().resolve("user.js"), PREFERENCES);
    int port = HubHarness.freePort();
    process =
        new ProcessBuilder(
                FIREFOX.toString(),
                "--headless",
                "--no-remote",
                "--profile",
                profile.dir().toString(),
                "--remote-debugging-port",
                String.valueOf(port),
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(profile.dir().resolve("firefox.log").toFile())
            .start();
    client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setMaxFrameSize(64 << 20).setMaxMessageSize(64 << 20));
    socket = connect(port, Duration.ofSeconds(60));
    socket.textMessageHandler(text -> receive(new JsonObject(text)));
    command("session.new", new JsonObject().put("capabilities", new JsonObject()));
    command("session.subscribe", new JsonObject().put("events", List.of("log.entryAdded")));
    context =
        command("browsingContext.getTree", new JsonObject())
            .getJsonArray("contexts")
            .getJsonObject(0)
            .getString("context");
  }

  /** Firefox opens its port a moment after it starts; the tests wait for it rather than guess. */
  private WebSocket connect(int port, Duration patience) throws Exception {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        return await(
            client.connect(
                new WebSocketConnectOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .setURI("/session")
                    .setAllowOriginHeader(false)));
      } catch (Exception notYet) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new IllegalStateException(
              "Firefox did not open its WebDriver BiDi port; see "
                  + profile.dir().resolve("firefox.log"),
              notYet);
        }
        Thread.sleep(250);
      }
    }
  }

  private void receive(JsonObject message) {
    if (message.containsKey("id")) {
      Promise<JsonObject> waiting = pending.remove(message.getLong("id"));
      if ("error".equals(message.getString("type"))) {
        waiting.fail(message.getString("error") + ": " + message.getString("message"));
      } else {
        waiting.complete(message.getJsonObject("result"));
      }
    } else if ("log.entryAdded".equals(message.getString("method"))
        && "error".equals(message.getJsonObject("params").getString("level"))) {
      errors.add(message.getJsonObject("params").getString("text"));
    }
  }

  JsonObject command(String method, JsonObject params) throws Exception {
    long id = ids.incrementAndGet();
    Promise<JsonObject> answer = Promise.promise();
    pending.put(id, answer);
    Future<JsonObject> result =
        socket
            .writeTextMessage(
                new JsonObject().put("id", id).put("method", method).put("params", params).encode())
            .compose(sent -> answer.future());
    return await(result);
  }

  void open(String url) throws Exception {
    command(
        "browsingContext.navigate",
        new JsonObject().put("context", context).put("url", url).put("wait", "complete"));
  }

  /** The value of a JavaScript expression in the page (promises awaited), as BiDi serialises it. */
  JsonObject evaluate(String expression) throws Exception {
    JsonObject outcome =
        command(
            "script.evaluate",
            new JsonObject()
                .put("expression", expression)
                .put("awaitPromise", true)
                .put("target", new JsonObject().put("context", context)));
    if (!"success".equals(outcome.getString("type"))) {
      throw new IllegalStateException(
          expression + " threw " + outcome.getJsonObject("exceptionDetails"));
    }
    return outcome.getJsonObject("result");
  }

  /** Polls a boolean expression until it holds, failing with the expression after 30 s. */
  void waitFor(String condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Boolean.TRUE.equals(evaluate("Boolean(" + condition + ")").getValue("value"))) {
      assertThat(System.nanoTime())
          .as("in Firefox, waiting for: " + condition)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  void viewport(int width, int height) throws Exception {
    command(
        "browsingContext.setViewport",
        new JsonObject()
            .put("context", context)
            .put("viewport", new JsonObject().put("width", width).put("height", height)));
  }

  List<String> consoleErrors() {
    List<String> seen = List.copyOf(errors);
    errors.clear();
    return seen;
  }

  Path screenshot(String name) throws Exception {
    String png =
        command("browsingContext.captureScreenshot", new JsonObject().put("context", context))
            .getString("data");
    Files.createDirectories(HeadlessChromium.SCREENSHOTS);
    return Files.write(
        HeadlessChromium.SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    client.close();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    profile.close();
  }
}

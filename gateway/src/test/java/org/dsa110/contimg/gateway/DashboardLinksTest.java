package org.dsa110.contimg.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dsa110.contimg.common.web.DashboardLinks;
import org.junit.jupiter.api.Test;

/**
 * The Slack message's link to a source and the dashboard's own are one rule: both written for the
 * same ids.
 */
class DashboardLinksTest {
  private static final Path LINKS_JS =
      Path.of("src/main/resources/webroot/js/links.js").toAbsolutePath();
  private static final List<String> IDS =
      List.of(
          "NVSS J123456.7+420312",
          "J0000-0000",
          "a/b?c#d&e=f",
          "50% 'quoted' (x)!*~",
          "tab\there",
          "Ångström−1",
          "🛰 sat",
          "plain_id.1");

  @Test
  void javaAndTheDashboardsRouterWriteTheSameLinks() throws Exception {
    String script =
        "import {sourceLink} from '"
            + LINKS_JS.toUri()
            + "';"
            + "for (const id of JSON.parse(process.argv[1])) console.log(sourceLink(id));";
    Process node =
        new ProcessBuilder("node", "--input-type=module", "-e", script, new JsonArray(IDS).encode())
            .redirectErrorStream(true)
            .start();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node finished within 30 s").isTrue();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.exitValue()).as(output).isZero();
    List<String> fromJava =
        IDS.stream()
            .map(
                id ->
                    DashboardLinks.sourcePage("https://hub.example/", id)
                        .substring("https://hub.example/".length()))
            .toList();
    assertThat(output.lines().toList()).isEqualTo(fromJava);
  }
}

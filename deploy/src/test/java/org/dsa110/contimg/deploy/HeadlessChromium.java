package org.dsa110.contimg.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven by Debian's chromedriver (both installed by {@code .ci/run});
 * no browser is downloaded. The flags keep it off the network this machine does not have.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;
  private final BrowserProfile profile;

  HeadlessChromium() throws IOException {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as(
            "the browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver (.ci/run does)")
        .isTrue();
    profile = BrowserProfile.create("chromium");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    ChromeOptions options =
        new ChromeOptions()
            .setBinary(CHROMIUM.toFile())
            .addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile.dir(),
                "--window-size=1280,800");
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    viewport(1280, 800);
  }

  /**
   * Waits out re-renders too: a view that redraws replaces the element a condition was looking at.
   */
  FluentWait<WebDriver> waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class);
  }

  /** The page's viewport, not the window's outer size, so screenshots are exactly this big. */
  void viewport(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
    List<?> size = (List<?>) inner;
    int dw = width - ((Number) size.get(0)).intValue();
    int dh = height - ((Number) size.get(1)).intValue();
    driver.manage().window().setSize(new Dimension(width + dw, height + dh));
  }

  /** Console errors since the last call (the log is drained by reading it). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  Path screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(SCREENSHOTS);
    return Files.copy(
        shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    profile.close();
  }
}

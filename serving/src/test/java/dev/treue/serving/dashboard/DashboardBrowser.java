package dev.treue.serving.dashboard;

import dev.treue.core.churn.RiskBand;
import dev.treue.core.customer.CustomerState;
import dev.treue.core.customer.Member;
import dev.treue.core.event.EventType;
import dev.treue.core.event.LoyaltyEvent;
import dev.treue.serving.Http;
import dev.treue.serving.TestService;
import dev.treue.store.AtRiskEntry;
import dev.treue.store.StateBatchWriter;
import dev.treue.store.StoredState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real service and a real headless Chromium for the dashboard's browser tests, shared by a test
 * class (register it as a static {@code @RegisterExtension}): the service on its own embedded Redis
 * with a few members loaded (some assessed by the service from their events, some stored states and
 * rows as a batch load writes them, in every band), Debian's {@code chromium} driven through {@code
 * chromedriver}; the KPI document and the churn bundle's quality files of {@link DashboardProgramme}.
 * When either is missing it runs {@code scripts/ensure-packages} (apt-get), so a fresh machine
 * installs them instead of skipping. A failing test leaves a screenshot under {@code
 * target/browser-screenshots/}.
 */
final class DashboardBrowser implements BeforeAllCallback, AfterAllCallback, TestWatcher {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final LocalDate TODAY = LocalDate.parse(TestService.TODAY);

  TestService service;
  ChromeDriver driver;
  Path downloads;

  /** Members the service assessed from their events (they have a stored state and reasons). */
  final List<String> assessed = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ensureBrowser();
    service = TestService.start(new JsonObject());
    loadMembers();
    DashboardProgramme.load(service);
    downloads = Files.createTempDirectory("treue-downloads");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--lang=en-GB");
    Map<String, Object> prefs = new HashMap<>();
    prefs.put("download.default_directory", downloads.toString());
    prefs.put("download.prompt_for_download", false);
    prefs.put("intl.accept_languages", "en-GB,en");
    options.setExperimentalOption("prefs", prefs);
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService driverService =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(driverService, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  /** Installs chromium and chromedriver through the project script when either is missing. */
  static void ensureBrowser() throws IOException, InterruptedException {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    Path script = projectFile("scripts/ensure-packages");
    Process p =
        new ProcessBuilder(script.toString(), "chromium", "chromium-driver").inheritIO().start();
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(script + " could not install chromium and chromium-driver");
    }
  }

  private static Path projectFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  private void loadMembers() {
    Http http = service.http(TestService.ACME_ALL);
    JsonArray events = new JsonArray();
    for (int i = 0; i < 4; i++) {
      purchases(events, "quiet-" + i, 300 + 20 * i, 120 + 15 * i, 10, 40 + 10 * i);
      purchases(events, "steady-" + i, 200, 1 + i, 5, 30 + 5 * i);
      purchases(events, "gone-" + i, 700, 380 + 60 * i, 15 + 10 * i, 20 + 30 * i);
      assessed.add("quiet-" + i);
    }
    Http.Reply r = http.post("/v1/events", new JsonObject().put("events", events));
    if (r.status() != 200) {
      throw new IllegalStateException(r.toString());
    }
    // Members as the batch load stores them (a member record with tier and segment, then
    // purchases).
    long day = 86_400_000L;
    int today = (int) TODAY.toEpochDay();
    List<StoredState> states = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "loaded-" + i;
      CustomerState s =
          CustomerState.of(
              new Member(id, today - 700, "gold", CustomerState.NONE, "family", "app", true));
      for (int k = 5; k >= 0; k--) {
        int on = today - (150 + 25 * i) - 30 * k;
        s.apply(
            new LoyaltyEvent(
                id + "-" + k,
                id,
                on * day + 36_000_000,
                EventType.PURCHASE,
                40,
                0,
                "coffee",
                null,
                "app"));
      }
      states.add(new StoredState(0, today * day, (today + 1) * day - 3_600_000, s));
      assessed.add(id);
    }
    new StateBatchWriter(service.jedis, TestService.keys("acme"), Duration.ZERO, 10)
        .write(states.iterator(), List.<AtRiskEntry>of().iterator());
    List<AtRiskEntry> rows = new ArrayList<>();
    String[] tiers = {"basic", "silver", "gold", "platinum"};
    for (int i = 0; i < 40; i++) {
      double p = 0.05 + 0.9 * i / 39;
      double clv = 80.0 + 17.5 * (i % 7);
      rows.add(
          new AtRiskEntry(
              "row-" + i,
              p,
              RiskBand.of(p).wireName(),
              tiers[i % 4],
              i % 2 == 0 ? "family" : "students",
              p * clv,
              clv,
              0.5,
              List.of("no purchase for " + (30 + i) + " days, usually every 12"),
              1_719_000_000_000L,
              (int) TODAY.toEpochDay()));
    }
    new StateBatchWriter(service.jedis, TestService.keys("acme"), Duration.ZERO, 50)
        .write(List.<StoredState>of().iterator(), rows.iterator());
  }

  private static void purchases(
      JsonArray events, String member, int firstAgo, int lastAgo, int every, double amount) {
    for (int ago = firstAgo; ago >= lastAgo; ago -= every) {
      events.add(
          new JsonObject()
              .put("event_id", member + "-" + ago)
              .put("customer_id", member)
              .put("ts", TODAY.minusDays(ago) + "T10:00:00Z")
              .put("type", "purchase")
              .put("amount", amount));
    }
  }

  /** The service's address. */
  String base() {
    return service.server.baseUrl();
  }

  WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (driver == null) {
      return;
    }
    try {
      Path dir = Path.of("target", "browser-screenshots");
      Files.createDirectories(dir);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      String name =
          context.getRequiredTestClass().getSimpleName()
              + "-"
              + context.getRequiredTestMethod().getName()
              + ".png";
      Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (driver != null) {
        driver.quit();
      }
    } finally {
      if (service != null) {
        service.close();
      }
      if (downloads != null) {
        try (var files = Files.walk(downloads)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(DashboardBrowser::delete);
        } catch (UncheckedIOException e) {
          // A leftover temp folder is harmless.
        }
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

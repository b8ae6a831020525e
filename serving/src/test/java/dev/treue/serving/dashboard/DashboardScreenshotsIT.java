package dev.treue.serving.dashboard;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.treue.serving.TestService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A picture of each dashboard page and of {@code /docs}. In a plain {@code mvn verify} it pictures the
 * test service's few members into {@code target/dashboard-screenshots} (so the run also checks every
 * page renders without an error). For the README, {@code scripts/dashboard-screenshots} points it at
 * a running {@code ./treue demo} ({@code -Dtreue.screenshots.url}, {@code .key}, {@code .member}), so
 * the pictures show the demo programme's real models and KPIs, and writes them to
 * {@code -Dtreue.screenshots=docs/dashboard}.
 */
class DashboardScreenshotsIT {
  @RegisterExtension static final DashboardBrowser BROWSER = new DashboardBrowser();

  @Test
  void everyPageIsPictured() throws Exception {
    Path dir =
        Path.of(System.getProperty("treue.screenshots", "target/dashboard-screenshots"))
            .toAbsolutePath();
    Files.createDirectories(dir);
    String base = System.getProperty("treue.screenshots.url", BROWSER.base());
    String key = System.getProperty("treue.screenshots.key", TestService.ACME_ALL);
    String member = System.getProperty("treue.screenshots.member", "loaded-2");
    ChromeDriver driver = BROWSER.driver;
    driver.manage().window().setSize(new Dimension(1280, 860));
    driver.get(base + "/dashboard/");
    BROWSER
        .waiting()
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")))
        .sendKeys(key, Keys.ENTER);
    for (String[] page :
        List.of(
            new String[] {"overview", "overview"},
            new String[] {"at-risk", "at-risk"},
            new String[] {"win-back", "win-back"},
            new String[] {"member/" + member, "member"},
            new String[] {"model-quality", "model-quality"})) {
      driver.manage().window().setSize(new Dimension(1280, 860));
      driver.get(base + "/dashboard/#/" + page[0]);
      BROWSER
          .waiting()
          .until(
              d ->
                  page[1].equals(
                      ((JavascriptExecutor) d)
                          .executeScript("return document.getElementById('page').dataset.page")));
      // Lists and member sections are filled once their API calls answer.
      BROWSER
          .waiting()
          .until(
              d ->
                  d.findElements(By.cssSelector("#page [role='status']")).stream()
                      .noneMatch(e -> e.getText().endsWith("…")));
      Thread.sleep(300);
      // Pictured whole: the window grows to the page's height (at most 5000 px).
      long height =
          (Long)
              ((JavascriptExecutor) driver)
                  .executeScript("return document.documentElement.scrollHeight");
      driver.manage().window().setSize(new Dimension(1280, (int) Math.min(5000, height)));
      Thread.sleep(300);
      assertTrue(driver.findElements(By.cssSelector("#page .error")).isEmpty(), page[0]);
      Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, dir.resolve(page[1] + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
    // The API docs (Swagger UI from its WebJar).
    driver.manage().window().setSize(new Dimension(1280, 1200));
    driver.get(base + "/docs/");
    BROWSER
        .waiting()
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock")));
    Thread.sleep(500);
    Path docs = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(docs, dir.resolve("docs.png"), StandardCopyOption.REPLACE_EXISTING);
  }
}

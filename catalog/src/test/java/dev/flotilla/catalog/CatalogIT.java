package dev.flotilla.catalog;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.flotilla.testkit.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The catalog's page in a real browser against the standalone catalog. */
class CatalogIT {
  private static Playwright playwright;
  private static Browser browser;

  @TempDir Path dir;
  private CatalogServer server;
  private BrowserContext context;
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void launch() {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Chromium.PLAYWRIGHT_ENV));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.executable())
                    .setHeadless(true)
                    .setArgs(Chromium.ARGS));
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
  }

  @AfterAll
  static void shutDown() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(dir.resolve("edge"));
    Files.writeString(
        dir.resolve("edge/edge.conf"),
        "# config_version: 4\n# description: Edge collectors\n# owner: platform\n# tags: edge, prod\n"
            + "[SERVICE]\n    HTTP_Server On\n    Hot_Reload On\n\n@INCLUDE outputs.conf\n\n"
            + "[INPUT]\n    Name cpu\n    Tag  cpu\n");
    Files.writeString(
        dir.resolve("edge/outputs.conf"), "[OUTPUT]\n    Name  stdout\n    Match *\n");
    Files.writeString(
        dir.resolve("broken.conf"),
        "# tags: lab\n[OUTPUT]\n    Name  no_such_output\n    Match *\n");
    Files.writeString(
        dir.resolve("td.conf"),
        "# tags: prod\n<source>\n  @type forward\n</source>\n<match **>\n  @type stdout\n</match>\n");
    Catalog catalog =
        Catalog.of(
            CatalogSettings.of(List.of(new CatalogSettings.Folder(dir)), List.of()),
            dir,
            JsonMapper.builder().build(),
            Clock.systemUTC());
    catalog.refresh();
    server = CatalogServer.start("127.0.0.1", 0, catalog, Optional.empty());
  }

  @AfterEach
  void stop() {
    if (context != null) {
      context.close();
    }
    server.close();
    assertThat(pageErrors).isEmpty();
  }

  private Page page() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    page.navigate("http://127.0.0.1:" + server.port() + "/catalog/");
    return page;
  }

  @Test
  void searchFilterAndView() {
    Page page = page();
    assertThat(page.getByTestId("entry")).hasCount(3);

    page.getByTestId("search").fill("collectors");
    assertThat(page.getByTestId("entry")).hasCount(1);
    assertThat(page.getByTestId("entry-path")).hasText("edge/edge.conf");
    page.getByTestId("search").fill("");
    assertThat(page.getByTestId("entry")).hasCount(3);

    page.getByTestId("engine").selectOption("fluentd");
    assertThat(page.getByTestId("entry")).hasCount(1);
    assertThat(page.getByTestId("entry-path")).hasText("td.conf");
    page.getByTestId("engine").selectOption("");
    page.getByTestId("lint").selectOption("errors");
    assertThat(page.getByTestId("entry")).hasCount(1);
    assertThat(page.getByTestId("entry-path")).hasText("broken.conf");
    page.getByTestId("lint").selectOption("");
    page.getByTestId("tag").selectOption("prod");
    assertThat(page.getByTestId("entry")).hasCount(2);
    page.getByTestId("tag").selectOption("");
    assertThat(page.getByTestId("entry")).hasCount(3);

    page.locator("[data-testid=entry]", new Page.LocatorOptions().setHasText("edge/edge.conf"))
        .click();
    assertThat(page.getByTestId("viewer-path")).hasText("edge/edge.conf");
    assertThat(page.getByTestId("file-name")).hasText(new String[] {"edge.conf", "outputs.conf"});
    assertThat(page.getByTestId("viewer")).containsText("Edge collectors");
    assertThat(page.getByTestId("viewer").locator(".tok-section").first()).hasText("SERVICE");
    assertThat(page.getByTestId("open-editor")).hasCount(0);

    // the address names the entry: a reload shows it again
    page.reload();
    assertThat(page.getByTestId("viewer-path")).hasText("edge/edge.conf");
  }
}

package dev.flotilla.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.editor.EditorSettings;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog mounted beside the editor: an entry opens in the editor, includes and all. */
class CatalogMountIT {
  @TempDir Path dir;
  @TempDir Path folder;

  @Test
  void anEntryOpensInTheEditor() throws Exception {
    Files.writeString(
        folder.resolve("edge.conf"),
        "# config_version: 2\n@INCLUDE out.conf\n[INPUT]\n    Name cpu\n    Tag  cpu\n");
    Files.writeString(folder.resolve("out.conf"), "[OUTPUT]\n    Name  stdout\n    Match *\n");
    List<String> pageErrors = new CopyOnWriteArrayList<>();
    try (TestServer server =
            TestServer.start(
                dir,
                c ->
                    c.withEditor(EditorSettings.defaults())
                        .withCatalog(
                            CatalogSettings.of(
                                List.of(
                                    new CatalogSettings.Folder(
                                        folder, List.of(), List.of(), Duration.ZERO)),
                                List.of())));
        Playwright playwright =
            Playwright.create(new Playwright.CreateOptions().setEnv(Chromium.PLAYWRIGHT_ENV));
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(Chromium.executable())
                        .setHeadless(true)
                        .setArgs(Chromium.ARGS))) {
      PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
      Page page = browser.newPage();
      page.onPageError(pageErrors::add);
      page.navigate(server.apiBase() + "/catalog/");
      assertThat(page.getByTestId("entry")).hasCount(1);
      page.getByTestId("entry").click();
      assertThat(page.getByTestId("file-name")).hasText(new String[] {"edge.conf", "out.conf"});
      page.getByTestId("open-editor").click();
      page.waitForURL("**/editor/?catalog=*");
      assertThat(page.locator("#doc-name")).hasText("edge.conf");
      assertThat(page.getByTestId("segment").first()).isVisible();
      assertThat(pageErrors).isEmpty();
    }
  }
}

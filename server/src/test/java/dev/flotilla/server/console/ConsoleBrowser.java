package dev.flotilla.server.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.browser.Chromium;
import dev.flotilla.testkit.sim.SimEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browser side of the console's tests: one headless Chromium and one simulated-agent
 * environment per test class, a fresh context (no cookies, no storage) per opened page, and the
 * pages' uncaught script errors checked after every test. Register it on a static field with
 * {@code @RegisterExtension}.
 */
final class ConsoleBrowser implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  private final Duration assertionTimeout;
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();
  private Playwright playwright;
  private Browser browser;
  private SimEnvironment env;
  private BrowserContext context;

  ConsoleBrowser(Duration assertionTimeout) {
    this.assertionTimeout = assertionTimeout;
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Chromium.PLAYWRIGHT_ENV));
    // launch() gives every run a fresh temporary profile (user-data-dir) of its own
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Chromium.executable())
                    .setHeadless(true)
                    .setArgs(Chromium.ARGS));
    PlaywrightAssertions.setDefaultAssertionTimeout(assertionTimeout.toMillis());
    env = SimEnvironment.create(Clock.systemUTC());
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    closeContext();
    List<String> errors = List.copyOf(pageErrors);
    pageErrors.clear();
    Assertions.assertThat(errors).as("uncaught errors in the console's scripts").isEmpty();
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (env != null) {
      env.close();
    }
  }

  /** Opens {@code path} of the server in a fresh context (the one before is closed). */
  Page open(TestServer server, String path) {
    closeContext();
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 800)
                .setBaseURL(server.apiBase())
                .setLocale("en-GB")
                .setTimezoneId("UTC"));
    Page page = context.newPage();
    page.onPageError(pageErrors::add);
    page.navigate(server.apiBase() + path);
    return page;
  }

  /** Closes the current context: its cookies and storage are gone. */
  void closeContext() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  /** Where the tests' simulated agents run. */
  SimEnvironment env() {
    return env;
  }
}

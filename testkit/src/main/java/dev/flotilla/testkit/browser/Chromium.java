package dev.flotilla.testkit.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Chromium that browser tests drive: Debian's {@code chromium} package (CI installs it), never
 * a browser Playwright downloads. Only the path and the flags live here, so that the modules
 * shipping testkit do not carry Playwright; each test keeps its own Playwright calls.
 */
public final class Chromium {
  /** Flags for a headless run in a container: no sandbox, no GPU, nothing reaching out. */
  public static final List<String> ARGS =
      List.of(
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run");

  /** The environment for {@code Playwright.create}: use {@link #executable()}, download nothing. */
  public static final Map<String, String> PLAYWRIGHT_ENV =
      Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");

  private Chromium() {}

  /** {@code chromium} from PATH; fails, saying what to install, when there is none. */
  public static Path executable() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "chromium");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "the browser tests need Chromium: install the 'chromium' package so it is on PATH");
  }
}

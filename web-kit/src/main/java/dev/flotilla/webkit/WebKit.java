package dev.flotilla.webkit;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The browser code the web console and the config editor share (ES modules, the base stylesheet,
 * the icon), served under {@value #PATH}. Pages import it by absolute path ({@code /kit/api.js}),
 * so a listener serves it once, whichever pages it mounts. Serving it also puts the browser
 * hardening headers ({@link SecurityHeaders}) on every answer of that listener.
 */
public final class WebKit {
  public static final String PATH = "/kit";

  private WebKit() {}

  public static void configure(JavalinConfig cfg) {
    serveClasspath(cfg, PATH, "/webkit");
    SecurityHeaders.configure(cfg);
  }

  /**
   * Serves the classpath folder {@code folder} at {@code hostedPath}, as every page is served:
   * browsers revalidate each file ({@code no-cache}), since the files have no build step that would
   * give a changed file a new name.
   */
  public static void serveClasspath(JavalinConfig cfg, String hostedPath, String folder) {
    cfg.staticFiles.add(
        files -> {
          files.hostedPath = hostedPath;
          files.directory = folder;
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache");
        });
  }
}

package dev.flotilla.server.catalog;

import dev.flotilla.catalog.Catalog;
import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.catalog.web.Access;
import dev.flotilla.catalog.web.CatalogRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config catalog mounted in the server: read on its own thread (a clone or fetch never holds up
 * the server's other timers), behind the console's sign-in with the editor's roles (viewers read,
 * operators refresh). Clones of repository URLs live in {@code <data-dir>/catalog}.
 */
public final class CatalogMount implements AutoCloseable {
  private final Catalog catalog;
  private final ScheduledExecutorService scheduler;
  private final CatalogRoutes routes;

  private CatalogMount(Catalog catalog, ScheduledExecutorService scheduler, CatalogRoutes routes) {
    this.catalog = catalog;
    this.scheduler = scheduler;
    this.routes = routes;
  }

  /**
   * @param access the server's sign-in, as the editor sees it
   * @param editorPage the editor's page when it is mounted too
   * @throws IllegalArgumentException for a folder that does not exist or a bad glob
   */
  public static CatalogMount start(
      CatalogSettings settings,
      Path dataDir,
      dev.flotilla.editor.web.Access access,
      Optional<String> editorPage,
      JsonMapper json,
      Clock clock) {
    Catalog catalog = Catalog.of(settings, dataDir.resolve("catalog"), json, clock);
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("flotilla-catalog").daemon(true).unstarted(r));
    catalog.start(scheduler);
    Access signedIn =
        new Access() {
          @Override
          public void require(Context ctx, boolean write) {
            access.require(ctx, write);
          }

          @Override
          public boolean canWrite(Context ctx) {
            return access.canWrite(ctx);
          }
        };
    return new CatalogMount(
        catalog, scheduler, new CatalogRoutes("mounted", catalog, signedIn, editorPage, json));
  }

  /** The catalog itself, for server code that reads a bundle (e.g. to publish it as a version). */
  public Catalog catalog() {
    return catalog;
  }

  public void configure(JavalinConfig cfg) {
    routes.configure(cfg);
  }

  @Override
  public void close() {
    catalog.close();
    scheduler.shutdownNow();
  }
}

package dev.flotilla.catalog;

import dev.flotilla.catalog.web.Access;
import dev.flotilla.catalog.web.CatalogRoutes;
import dev.flotilla.fleet.ErrorBody;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.webkit.WebKit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flotilla catalog}: the catalog alone, with no server. No sign-in: it is meant for one
 * person's machine and listens on loopback unless told otherwise. The catalog is read once before
 * the listener opens; its schedule is the caller's ({@link Catalog#start}).
 */
public final class CatalogServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 4331;

  private static final Logger log = LoggerFactory.getLogger(CatalogServer.class);

  private final Javalin app;

  private CatalogServer(Javalin app) {
    this.app = app;
  }

  /**
   * @param editorPage the editor's page when an editor is reachable from the browser (e.g. {@code
   *     http://127.0.0.1:4330/editor/}); empty for the read-only viewer
   */
  public static CatalogServer start(
      String bindAddress, int port, Catalog catalog, Optional<String> editorPage) {
    JsonMapper json = JsonMapper.builder().build();
    CatalogRoutes routes = new CatalogRoutes("standalone", catalog, Access.LOCAL, editorPage, json);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.concurrency.useVirtualThreads = true;
              routes.configure(cfg);
              WebKit.configure(cfg);
              var r = cfg.routes;
              r.get("/", ctx -> ctx.redirect(CatalogRoutes.PAGE + "/"));
              r.get(
                  "/api/v1/session",
                  ctx ->
                      ctx.contentType("application/json")
                          .result(
                              json.writeValueAsString(
                                  Map.of("role", "admin", "csrfToken", "", "auth", false))));
              r.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok\n"));
              r.exception(FleetException.class, (e, ctx) -> error(ctx, e, json));
              r.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      error(
                          ctx,
                          new FleetException(Kind.fromHttpStatus(e.getStatus()), e.getMessage()),
                          json));
              r.exception(
                  Exception.class,
                  (e, ctx) -> {
                    log.error("{} {} failed", ctx.method(), ctx.path(), e);
                    error(ctx, new FleetException(Kind.INTERNAL, "internal error: " + e), json);
                  });
              r.error(
                  404,
                  ctx -> {
                    if (ctx.path().startsWith("/api/")
                        && !String.valueOf(ctx.res().getContentType())
                            .startsWith("application/json")) {
                      error(
                          ctx,
                          new FleetException(
                              Kind.NOT_FOUND,
                              "no such endpoint: " + ctx.method() + " " + ctx.path()),
                          json);
                    }
                  });
            });
    app.start(bindAddress, port);
    log.info(
        "config catalog on http://{}:{}{}/",
        bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress,
        app.port(),
        CatalogRoutes.PAGE);
    return new CatalogServer(app);
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void error(Context ctx, FleetException e, JsonMapper json) {
    ctx.status(e.kind().httpStatus())
        .contentType("application/json")
        .result(json.writeValueAsString(ErrorBody.of(e)));
  }
}

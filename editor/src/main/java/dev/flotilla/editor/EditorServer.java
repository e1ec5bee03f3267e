package dev.flotilla.editor;

import dev.flotilla.editor.web.Access;
import dev.flotilla.editor.web.EditorRoutes;
import dev.flotilla.fleet.ErrorBody;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.webkit.WebKit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flotilla editor}: the config editor alone, with no server and no agents (or reading
 * agents' configs from a server through {@link Fleet} when one is given). No sign-in: it is meant
 * for one person's machine and listens on loopback unless told otherwise.
 */
public final class EditorServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 4330;

  /** Room for a 2 MiB document sent as JSON, escapes included. */
  public static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EditorServer.class);

  private final Javalin app;

  private EditorServer(Javalin app) {
    this.app = app;
  }

  public static EditorServer start(
      String bindAddress, int port, EditorSettings settings, Optional<Fleet> fleet, Clock clock) {
    JsonMapper json = JsonMapper.builder().build();
    EditorRoutes routes =
        new EditorRoutes("standalone", settings, fleet, Access.LOCAL, clock, json);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.concurrency.useVirtualThreads = true;
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              routes.configure(cfg);
              WebKit.configure(cfg);
              var r = cfg.routes;
              r.get("/", ctx -> ctx.redirect(EditorRoutes.PAGE + "/"));
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
        "config editor on http://{}:{}{}/ ({})",
        bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress,
        app.port(),
        EditorRoutes.PAGE,
        settings.folder().map(f -> "folder " + f).orElse("no folder"));
    return new EditorServer(app);
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

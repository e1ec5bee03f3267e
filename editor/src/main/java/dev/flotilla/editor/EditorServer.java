package dev.flotilla.editor;

import dev.flotilla.editor.web.Access;
import dev.flotilla.editor.web.EditorRoutes;
import dev.flotilla.editor.web.LocalGuard;
import dev.flotilla.fleet.ErrorBody;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.webkit.WebKit;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flotilla editor}: the config editor alone, with no server and no agents (or reading
 * agents' configs from a server through {@link Fleet} when one is given). No sign-in: it is meant
 * for one person's machine and listens on loopback; any other address needs {@code allowRemote}.
 * {@link LocalGuard} keeps other sites and rebound host names out.
 */
public final class EditorServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 4330;

  /** Room for a 2 MiB document sent as JSON, escapes included. */
  public static final long MAX_REQUEST_BYTES = 8L * 1024 * 1024;

  private static final Logger log = LoggerFactory.getLogger(EditorServer.class);

  private final Javalin app;
  private final LocalGuard guard;

  private EditorServer(Javalin app, LocalGuard guard) {
    this.app = app;
    this.guard = guard;
  }

  /** On loopback only. */
  public static EditorServer start(
      String bindAddress, int port, EditorSettings settings, Optional<Fleet> fleet, Clock clock) {
    return start(bindAddress, port, false, settings, fleet, clock);
  }

  /**
   * @param allowRemote whether {@code bindAddress} may be other than loopback; the editor has no
   *     sign-in, so anyone who reaches it can read and save the folder's files
   * @throws IllegalArgumentException for an address beyond loopback without {@code allowRemote}
   */
  public static EditorServer start(
      String bindAddress,
      int port,
      boolean allowRemote,
      EditorSettings settings,
      Optional<Fleet> fleet,
      Clock clock) {
    if (!isLoopback(bindAddress)) {
      if (!allowRemote) {
        throw new IllegalArgumentException(
            "the editor has no sign-in and listens on loopback only; to listen on "
                + bindAddress
                + " anyway, pass --allow-remote");
      }
      log.warn(
          "*** THE CONFIG EDITOR LISTENS ON {} WITH NO SIGN-IN: anyone who can reach this port"
              + " can read and save the folder's files and run dry runs. ***",
          bindAddress);
    }
    JsonMapper json = JsonMapper.builder().build();
    Javalin[] started = new Javalin[1];
    LocalGuard guard = new LocalGuard(bindAddress, () -> started[0].port());
    EditorRoutes routes =
        new EditorRoutes("standalone", settings, fleet, Access.LOCAL, clock, json);
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.concurrency.useVirtualThreads = true;
              cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
              guard.configure(cfg);
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
                                  Map.of(
                                      "role",
                                      "admin",
                                      "csrfToken",
                                      guard.token(),
                                      "auth",
                                      false))));
              r.get("/healthz", ctx -> ctx.contentType("text/plain").result("ok\n"));
              r.exception(FleetException.class, (e, ctx) -> error(ctx, e, json));
              r.exception(
                  HttpResponseException.class,
                  (e, ctx) -> error(ctx, e.getStatus(), e.getMessage(), json));
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
    started[0] = app;
    app.start(bindAddress, port);
    log.info(
        "config editor on http://{}:{}{}/ ({})",
        bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress,
        app.port(),
        EditorRoutes.PAGE,
        settings.folder().map(f -> "folder " + f).orElse("no folder"));
    return new EditorServer(app, guard);
  }

  public int port() {
    return app.port();
  }

  /** The token the page sends on every call but GET ({@link LocalGuard}). */
  public String token() {
    return guard.token();
  }

  static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve the address to listen on: " + bindAddress);
    }
  }

  @Override
  public void close() {
    app.stop();
  }

  /** A status with no {@link Kind} of its own (415, 421) keeps its status and standard name. */
  private static void error(Context ctx, int status, String message, JsonMapper json) {
    Kind kind = Kind.fromHttpStatus(status);
    if (kind.httpStatus() == status) {
      error(ctx, new FleetException(kind, message), json);
      return;
    }
    String code = HttpStatus.forStatus(status).name().toLowerCase(java.util.Locale.ROOT);
    ctx.status(status)
        .contentType("application/json")
        .result(json.writeValueAsString(new ErrorBody(new ErrorBody.Error(code, message, status))));
  }

  private static void error(Context ctx, FleetException e, JsonMapper json) {
    ctx.status(e.kind().httpStatus())
        .contentType("application/json")
        .result(json.writeValueAsString(ErrorBody.of(e)));
  }
}

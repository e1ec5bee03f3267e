package dev.flotilla.server.api;

import dev.flotilla.editor.EditorServer;
import dev.flotilla.editor.web.Access;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.ErrorBody;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.JsonBodies;
import dev.flotilla.fleet.Selectors;
import dev.flotilla.fleet.ServerSettings;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.auth.Sessions;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.opamp.CustomCapabilities;
import dev.flotilla.server.store.StoreException;
import dev.flotilla.server.store.StoreMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator REST API under {@code /api/v1}. Every route checks the caller's role; every error
 * leaves through {@link #error} as one JSON shape.
 */
public final class ApiRoutes {
  private static final Logger log = LoggerFactory.getLogger(ApiRoutes.class);
  private static final String ROLE = "flotilla.role";
  private static final String UID = "/api/v1/agents/{uid}";
  private static final String SESSION = "/api/v1/session";

  private final Fleet fleet;
  private final SessionRoutes session;
  private final Map<String, String> features;
  private final CustomCapabilities customCapabilities;
  private final JsonMapper json;
  private final AgentStream stream;
  private final Supplier<String> metricsText;
  private final Supplier<Map<String, Object>> serverInfo;
  private final Supplier<StoreMetrics> store;
  private final byte[] openApi;

  public ApiRoutes(
      Fleet fleet,
      Authenticator auth,
      Sessions sessions,
      Map<String, String> features,
      CustomCapabilities customCapabilities,
      JsonMapper json,
      AgentStream stream,
      Supplier<String> metricsText,
      Supplier<Map<String, Object>> serverInfo,
      Supplier<StoreMetrics> store) {
    this.fleet = fleet;
    this.session = new SessionRoutes(auth, sessions);
    this.features = features;
    this.customCapabilities = customCapabilities;
    this.json = json;
    this.stream = stream;
    this.metricsText = metricsText;
    this.serverInfo = serverInfo;
    this.store = store;
    this.openApi = resource("/api/openapi.json");
  }

  public void configure(JavalinConfig config) {
    var r = config.routes;
    r.before("/api/*", this::authenticate);
    r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    r.get(
        SESSION,
        ctx ->
            ctx.contentType("application/json")
                .result(json.writeValueAsString(session.current(ctx))));
    r.post(
        SESSION,
        ctx -> {
          session.admitSignIn(ctx);
          ctx.contentType("application/json")
              .result(
                  json.writeValueAsString(
                      session.signIn(
                          ctx,
                          body(ctx, new TypeReference<Map<String, String>>() {}).get("token"))));
        });
    r.delete(SESSION, session::signOut);
    r.get("/api/v1/features", ctx -> respond(ctx, Role.VIEWER, this::featureList));
    r.get(
        "/api/v1/custom-capabilities",
        ctx ->
            respond(
                ctx, Role.VIEWER, () -> Map.of("capabilities", customCapabilities.declarations())));
    r.get("/api/v1/server", ctx -> respond(ctx, Role.VIEWER, serverInfo::get));
    r.get("/api/v1/agents", ctx -> respond(ctx, Role.VIEWER, () -> fleet.agents(query(ctx))));
    r.get("/api/v1/summary", ctx -> respond(ctx, Role.VIEWER, fleet::summary));
    r.sse("/api/v1/stream", stream::serve);
    r.get(UID, ctx -> respond(ctx, Role.VIEWER, () -> fleet.agent(ctx.pathParam("uid"))));
    r.delete(
        UID,
        ctx -> {
          require(ctx, Role.ADMIN);
          fleet.forget(ctx.pathParam("uid"));
          ctx.status(204);
        });
    r.put(
        UID + "/labels",
        ctx ->
            respond(
                ctx,
                Role.OPERATOR,
                () ->
                    fleet.setLabels(
                        ctx.pathParam("uid"),
                        body(ctx, new TypeReference<Map<String, String>>() {}))));
    r.post(
        UID + "/commands",
        ctx -> {
          respond(
              ctx,
              Role.OPERATOR,
              () -> fleet.sendCommand(ctx.pathParam("uid"), body(ctx, CommandRequest.class)));
          ctx.status(202);
        });
    r.get(
        UID + "/commands",
        ctx -> respond(ctx, Role.VIEWER, () -> fleet.commands(ctx.pathParam("uid"))));
    r.get(
        UID + "/events",
        ctx ->
            respond(
                ctx,
                Role.VIEWER,
                () ->
                    fleet.events(
                        ctx.pathParam("uid"),
                        longParam(ctx, "before"),
                        intParam(ctx, "limit", 100))));
    r.post(
        UID + "/approve",
        ctx -> respond(ctx, Role.OPERATOR, () -> fleet.approve(ctx.pathParam("uid"))));
    r.post(
        UID + "/block",
        ctx -> respond(ctx, Role.OPERATOR, () -> fleet.block(ctx.pathParam("uid"))));
    r.post(
        UID + "/new-instance-uid",
        ctx ->
            respond(
                ctx,
                Role.OPERATOR,
                () -> Map.of("newInstanceUid", fleet.issueNewInstanceUid(ctx.pathParam("uid")))));
    r.get("/api/v1/settings", ctx -> respond(ctx, Role.VIEWER, fleet::settings));
    r.put(
        "/api/v1/settings",
        ctx ->
            respond(ctx, Role.ADMIN, () -> fleet.updateSettings(body(ctx, ServerSettings.class))));
    r.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metricsText.get()));
    r.get("/healthz", this::healthz);
    r.get("/readyz", this::readyz);
    r.exception(FleetException.class, (e, ctx) -> error(ctx, e));
    r.exception(StatusException.class, this::error);
    // a store call that no fleet operation translated is still an outage, not a server bug
    r.exception(
        StoreException.class,
        (e, ctx) ->
            error(
                ctx, new FleetException(Kind.UNAVAILABLE, "store unavailable: " + e.getMessage())));
    r.exception(
        Exception.class,
        (e, ctx) -> {
          log.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, new FleetException(Kind.INTERNAL, "internal error: " + e.getMessage()));
        });
    r.error(
        404,
        ctx -> {
          boolean alreadyJson =
              String.valueOf(ctx.res().getContentType()).startsWith("application/json");
          if (ctx.path().startsWith("/api/") && !alreadyJson) {
            error(
                ctx,
                new FleetException(
                    Kind.NOT_FOUND, "no such endpoint: " + ctx.method() + " " + ctx.path()));
          }
        });
    r.error(
        413,
        ctx -> {
          if (ctx.path().startsWith("/api/")) {
            error(
                ctx,
                new FleetException(
                    Kind.PAYLOAD_TOO_LARGE,
                    "the request body is larger than the server takes ("
                        + EditorServer.MAX_REQUEST_BYTES / (1024 * 1024)
                        + " MiB)"));
          }
        });
    r.error(
        405,
        ctx ->
            error(
                ctx,
                new FleetException(
                    Kind.METHOD_NOT_ALLOWED,
                    "method not allowed: " + ctx.method() + " " + ctx.path())));
  }

  private void authenticate(Context ctx) {
    if (ctx.path().equals("/api/v1/openapi.json") || ctx.path().equals(SESSION)) {
      return;
    }
    ctx.attribute(ROLE, session.role(ctx));
  }

  private static void require(Context ctx, Role needed) {
    Role role = ctx.attribute(ROLE);
    if (role == null || !role.allows(needed)) {
      throw new FleetException(
          Kind.FORBIDDEN,
          "this needs the "
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + " role; the token has "
              + (role == null ? "none" : role.name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  /** Who made this (already authenticated) request, for the audit trail. */
  public String actor(Context ctx) {
    return session.actor(ctx);
  }

  /** The editor's view of this API's sign-in: viewers read and validate, operators save. */
  public Access editorAccess() {
    return new Access() {
      @Override
      public void require(Context ctx, boolean write) {
        ApiRoutes.require(ctx, write ? Role.OPERATOR : Role.VIEWER);
      }

      @Override
      public boolean canWrite(Context ctx) {
        Role role = ctx.attribute(ROLE);
        return role != null && role.allows(Role.OPERATOR);
      }
    };
  }

  /** Checks the role before {@code body} runs: a refused call must not change anything. */
  private void respond(Context ctx, Role needed, Supplier<?> body) {
    require(ctx, needed);
    ctx.contentType("application/json").result(json.writeValueAsString(body.get()));
  }

  private void error(Context ctx, FleetException e) {
    ctx.status(e.kind().httpStatus())
        .contentType("application/json")
        .result(json.writeValueAsString(ErrorBody.of(e)));
  }

  /** A status with no {@link Kind} of its own (415, 429), in the same shape. */
  private void error(StatusException e, Context ctx) {
    String code = HttpStatus.forStatus(e.status()).name().toLowerCase(java.util.Locale.ROOT);
    ctx.status(e.status())
        .contentType("application/json")
        .result(
            json.writeValueAsString(
                new ErrorBody(new ErrorBody.Error(code, e.getMessage(), e.status()))));
  }

  private <T> T body(Context ctx, Class<T> type) {
    return JsonBodies.read(json, ctx.body(), type);
  }

  private <T> T body(Context ctx, TypeReference<T> type) {
    return JsonBodies.read(json, ctx.body(), type);
  }

  private Map<String, Object> featureList() {
    List<Map<String, Object>> list = new ArrayList<>();
    features.forEach(
        (name, url) -> {
          Map<String, Object> f = new LinkedHashMap<>();
          f.put("name", name);
          f.put("title", FEATURE_TITLES.getOrDefault(name, name));
          f.put("url", url);
          f.put("mounted", url.startsWith("/"));
          list.add(f);
        });
    return Map.of("features", list);
  }

  private static final Map<String, String> FEATURE_TITLES =
      Map.of("editor", "Config editor", "catalog", "Config catalog");

  private static AgentQuery query(Context ctx) {
    return new AgentQuery(
        boolParam(ctx, "connected"),
        boolParam(ctx, "healthy"),
        Selectors.parse(ctx.queryParam("selector")),
        textParam(ctx, "q"),
        textParam(ctx, "sort"),
        intParam(ctx, "offset", 0),
        intParam(ctx, "limit", AgentQuery.DEFAULT_LIMIT),
        textParam(ctx, "approval"),
        textParam(ctx, "configStatus"),
        boolParam(ctx, "drift"));
  }

  /** A query parameter; an empty one counts as absent, as browsers send empty form fields. */
  private static String textParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? null : v;
  }

  private static Boolean boolParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new FleetException(Kind.BAD_REQUEST, name + ": must be true or false");
    };
  }

  private static int intParam(Context ctx, String name, int fallback) {
    Long v = longParam(ctx, name);
    if (v == null) {
      return fallback;
    }
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": out of range");
    }
    return v.intValue();
  }

  private static Long longParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new FleetException(
          Kind.BAD_REQUEST, name + ": must be a whole number, not '" + v + "'");
    }
  }

  /**
   * Liveness: 503 only when the process cannot do its job any more and a restart would help (the
   * store writer has stopped); an outage of the database is reported but stays 200.
   */
  private void healthz(Context ctx) {
    StoreMetrics m = store.get();
    ctx.contentType("text/plain");
    if (!m.writerRunning()) {
      ctx.status(503).result("store writer stopped: nothing is written to the store\n");
    } else if (m.unavailableSince() != null) {
      ctx.result(unavailable(m) + "; agents are still served\n");
    } else {
      ctx.result("ok\n");
    }
  }

  /** Readiness: 503 while the store cannot take writes, so operators' changes would be refused. */
  private void readyz(Context ctx) {
    StoreMetrics m = store.get();
    ctx.contentType("text/plain");
    if (m.available()) {
      ctx.result("ready\n");
    } else {
      ctx.status(503).result(m.writerRunning() ? unavailable(m) + "\n" : "store writer stopped\n");
    }
  }

  private static String unavailable(StoreMetrics m) {
    return "store unavailable since "
        + m.unavailableSince()
        + (m.lastFailure() == null ? "" : ": " + m.lastFailure());
  }

  private static byte[] resource(String path) {
    try (InputStream in = ApiRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.flotilla.server.configs;

import dev.flotilla.editor.web.Access;
import dev.flotilla.fleet.DesiredConfigRequest;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.JsonBodies;
import dev.flotilla.fleet.PublishRequest;
import dev.flotilla.fleet.RemoteConfigRequest;
import dev.flotilla.fleet.VersionCreated;
import dev.flotilla.server.agents.LiveFleet;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST routes of config versions and desired state. Viewers read; operators publish and assign.
 * Errors are {@link FleetException}s, which the API's one error handler turns into the JSON shape.
 */
public final class ConfigRoutes {
  private static final String CONFIG = "/api/v1/configs/{name}";
  private static final String AGENT = "/api/v1/agents/{uid}";

  private final ConfigVersions versions;
  private final LiveFleet fleet;
  private final Access access;
  private final Function<Context, String> actor;
  private final JsonMapper json;

  public ConfigRoutes(
      ConfigVersions versions,
      LiveFleet fleet,
      Access access,
      Function<Context, String> actor,
      JsonMapper json) {
    this.versions = versions;
    this.fleet = fleet;
    this.access = access;
    this.actor = actor;
    this.json = json;
  }

  public void configure(JavalinConfig config) {
    var r = config.routes;
    r.get("/api/v1/configs", ctx -> read(ctx, versions::configs));
    r.get(CONFIG + "/versions", ctx -> read(ctx, () -> versions.versions(ctx.pathParam("name"))));
    r.post(
        CONFIG + "/versions",
        ctx -> {
          access.require(ctx, true);
          VersionCreated created =
              versions.publish(
                  ctx.pathParam("name"), body(ctx, PublishRequest.class), actor.apply(ctx));
          ctx.status(created.created() ? 201 : 200)
              .contentType("application/json")
              .result(json.writeValueAsString(created));
        });
    r.get(
        CONFIG + "/versions/{version}",
        ctx ->
            read(
                ctx,
                () -> versions.version(ctx.pathParam("name"), number(ctx.pathParam("version")))));
    r.get(
        CONFIG + "/diff",
        ctx ->
            read(
                ctx,
                () ->
                    versions.diff(
                        ctx.pathParam("name"),
                        number(required(ctx, "from")),
                        number(required(ctx, "to")))));
    r.get(AGENT + "/history", ctx -> read(ctx, () -> versions.history(ctx.pathParam("uid"))));
    r.post(
        AGENT + "/desired-config",
        ctx ->
            write(
                ctx,
                () -> {
                  DesiredConfigRequest req = body(ctx, DesiredConfigRequest.class);
                  if (req.config() == null) {
                    throw new FleetException(Kind.BAD_REQUEST, "config: required");
                  }
                  String uid = ctx.pathParam("uid");
                  var v =
                      req.version() <= 0
                          ? versions.latest(req.config())
                          : versions.version(req.config(), req.version());
                  String who = actor.apply(ctx);
                  versions.assign(ConfigVersions.parse(uid), v, null, who);
                  versions.audit(who, "agent.desired-config", uid, v.name() + "@" + v.version());
                  return fleet.agent(uid);
                }));
    r.put(
        AGENT + "/remote-config",
        ctx ->
            write(
                ctx,
                () -> {
                  String who = actor.apply(ctx);
                  var result =
                      fleet.setRemoteConfig(
                          ctx.pathParam("uid"), body(ctx, RemoteConfigRequest.class), who);
                  versions.audit(
                      who, "agent.remote-config", ctx.pathParam("uid"), "hash " + result.hash());
                  return result;
                }));
    r.get(
        "/api/v1/audit",
        ctx -> read(ctx, () -> Map.of("events", versions.auditEvents(limit(ctx)))));
  }

  private void read(Context ctx, Supplier<?> body) {
    access.require(ctx, false);
    ctx.contentType("application/json").result(json.writeValueAsString(body.get()));
  }

  /** The role is checked before {@code body} runs: a refused call changes nothing. */
  private void write(Context ctx, Supplier<?> body) {
    access.require(ctx, true);
    ctx.contentType("application/json").result(json.writeValueAsString(body.get()));
  }

  private <T> T body(Context ctx, Class<T> type) {
    return JsonBodies.read(json, ctx.body(), type);
  }

  private static String required(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      throw new FleetException(Kind.BAD_REQUEST, name + ": required (a version number)");
    }
    return v;
  }

  private static int limit(Context ctx) {
    String v = ctx.queryParam("limit");
    int n = v == null || v.isBlank() ? 100 : number(v);
    if (n < 1 || n > 1000) {
      throw new FleetException(Kind.BAD_REQUEST, "limit must be between 1 and 1000");
    }
    return n;
  }

  static int number(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new FleetException(Kind.BAD_REQUEST, "expected a version number, not '" + text + "'");
    }
  }
}

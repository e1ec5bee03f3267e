package dev.flotilla.server.rollout;

import dev.flotilla.editor.web.Access;
import dev.flotilla.fleet.JsonBodies;
import dev.flotilla.fleet.RolloutRequest;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * REST routes of rollouts. Viewers read; operators start, pause, resume, abort and roll back.
 * Errors are {@link dev.flotilla.fleet.FleetException}s, mapped by the API's one error handler.
 */
public final class RolloutRoutes {
  private static final String ROLLOUT = "/api/v1/rollouts/{id}";

  private final RolloutEngine engine;
  private final Access access;
  private final Function<Context, String> actor;
  private final JsonMapper json;

  public RolloutRoutes(
      RolloutEngine engine, Access access, Function<Context, String> actor, JsonMapper json) {
    this.engine = engine;
    this.access = access;
    this.actor = actor;
    this.json = json;
  }

  public void configure(JavalinConfig config) {
    var r = config.routes;
    r.get("/api/v1/rollouts", ctx -> respond(ctx, false, engine::list));
    r.post(
        "/api/v1/rollouts",
        ctx -> {
          respond(
              ctx,
              true,
              () ->
                  engine.start(
                      JsonBodies.read(json, ctx.body(), RolloutRequest.class), actor.apply(ctx)));
          ctx.status(201);
        });
    r.get(ROLLOUT, ctx -> respond(ctx, false, () -> engine.view(ctx.pathParam("id"))));
    r.post(
        ROLLOUT + "/pause",
        ctx -> respond(ctx, true, () -> engine.pause(ctx.pathParam("id"), actor.apply(ctx))));
    r.post(
        ROLLOUT + "/resume",
        ctx -> respond(ctx, true, () -> engine.resume(ctx.pathParam("id"), actor.apply(ctx))));
    r.post(
        ROLLOUT + "/abort",
        ctx -> respond(ctx, true, () -> engine.abort(ctx.pathParam("id"), actor.apply(ctx))));
    r.post(
        ROLLOUT + "/rollback",
        ctx -> {
          respond(ctx, true, () -> engine.rollback(ctx.pathParam("id"), actor.apply(ctx)));
          ctx.status(201);
        });
  }

  /** The role is checked before {@code body} runs: a refused call changes nothing. */
  private void respond(Context ctx, boolean write, Supplier<?> body) {
    access.require(ctx, write);
    ctx.contentType("application/json").result(json.writeValueAsString(body.get()));
  }
}

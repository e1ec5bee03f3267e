package dev.flotilla.server.mcp;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.RolloutRequest;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.RolloutView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Tools over config versions and rollouts, on {@link Deployments}. */
final class DeployTools {
  private static final String NAME = "The config's name.";
  private static final String ID = "The rollout's id.";

  private final Function<String, Deployments> deployments;
  private final Fleet fleet;

  /**
   * @param deployments the deployments acting as the given actor
   */
  DeployTools(Function<String, Deployments> deployments, Fleet fleet) {
    this.deployments = deployments;
    this.fleet = fleet;
  }

  List<Tool> tools() {
    return List.of(
        Tool.read(
            "list_configs",
            "List configs",
            "Every named config with its newest version.",
            Schema.object().build(),
            (a, c) -> Map.of("configs", as(c).configs())),
        Tool.read(
            "list_versions",
            "List config versions",
            "The versions of one config, newest first: number, hash, author, message, source,"
                + " lint counts and file names (the text is in the resource"
                + " flotilla://configs/{name}/versions/{n}).",
            Schema.object().required("name", NAME).build(),
            (a, c) ->
                Map.of(
                    "name",
                    a.text("name"),
                    "versions",
                    as(c).versions(a.text("name")).stream().map(DeployTools::version).toList())),
        Tool.read(
            "diff_versions",
            "Diff config versions",
            "Two versions of one config compared file by file, as unified diffs.",
            Schema.object()
                .required("name", NAME)
                .requiredInt("from", "The older version number.")
                .requiredInt("to", "The newer version number.")
                .build(),
            (a, c) -> as(c).diff(a.text("name"), a.integer("from"), a.integer("to"))),
        Tool.read(
            "list_rollouts",
            "List rollouts",
            "Every rollout, newest first, with its state and agent counts.",
            Schema.object().build(),
            (a, c) -> Map.of("rollouts", as(c).rollouts())),
        Tool.read(
            "get_rollout",
            "Get rollout",
            "One rollout with a row per agent: batch, state, message, previous version.",
            Schema.object().required("id", ID).build(),
            (a, c) -> as(c).rollout(a.text("id"))),
        Tool.destructive(
            "start_rollout",
            "Start rollout",
            "Rolls a config version out to the agents matching a selector, in batches.",
            Schema.object()
                .required("config", "The name of the config to roll out.")
                .integer("version", "The version; the newest when left out.")
                .stringMap(
                    "selector",
                    "Labels and attributes the agents must have; empty selects every agent.")
                .share("canary", "Agents first, on their own: a count or a percentage.")
                .share("batchSize", "Agents per batch after the canary (default all remaining).")
                .integer("pauseSeconds", "Wait between batches (default 0).")
                .integer("healthySeconds", "An agent is done after APPLIED and healthy this long.")
                .integer("timeoutSeconds", "An offered agent not done by then timed out (300).")
                .share("maxFailures", "Failures tolerated before the rollout pauses (default 0).")
                .build(),
            false,
            (a, c) -> startPlan(a, c),
            (a, c) -> as(c).startRollout(request(a))),
        Tool.write(
            "pause_rollout",
            "Pause rollout",
            "Stops a running rollout before its next step; resume_rollout continues it.",
            Schema.object().required("id", ID).build(),
            false,
            (a, c) -> summary(as(c).pause(a.text("id")))),
        Tool.write(
            "resume_rollout",
            "Resume rollout",
            "Continues a paused rollout; the next batch goes out at once.",
            Schema.object().required("id", ID).build(),
            false,
            (a, c) -> summary(as(c).resume(a.text("id")))),
        Tool.destructive(
            "abort_rollout",
            "Abort rollout",
            "Ends a rollout: agents not yet offered the version are skipped; agents that have it"
                + " keep it.",
            Schema.object().required("id", ID).build(),
            false,
            (a, c) -> abortPlan(as(c).rollout(a.text("id"))),
            (a, c) -> summary(as(c).abort(a.text("id")))),
        Tool.destructive(
            "rollback_rollout",
            "Roll back rollout",
            "Starts a new rollout giving every agent this rollout changed its previous version.",
            Schema.object().required("id", ID).build(),
            false,
            (a, c) -> rollbackPlan(as(c).rollout(a.text("id"))),
            (a, c) -> summary(as(c).rollback(a.text("id")))));
  }

  private Deployments as(Caller caller) {
    return deployments.apply(caller.actor());
  }

  private static RolloutRequest request(Args a) {
    RolloutStrategy strategy =
        new RolloutStrategy(
            a.share("canary"),
            a.share("batchSize"),
            a.optInt("pauseSeconds"),
            a.optInt("healthySeconds"),
            a.optInt("timeoutSeconds"),
            a.share("maxFailures"));
    return new RolloutRequest(
        a.text("config"), a.optInt("version"), a.stringMap("selector"), strategy);
  }

  private Map<String, Object> startPlan(Args a, Caller c) {
    RolloutRequest req = request(a);
    Deployments d = as(c);
    ConfigVersion v;
    if (req.version() == null) {
      List<ConfigVersion> all = d.versions(req.config());
      if (all.isEmpty()) {
        throw new dev.flotilla.fleet.FleetException(
            dev.flotilla.fleet.FleetException.Kind.NOT_FOUND,
            "config " + req.config() + " has no versions");
      }
      v = all.getFirst();
    } else {
      v = d.version(req.config(), req.version());
    }
    RolloutStrategy s = req.strategy().withDefaults();
    var page =
        fleet.agents(
            new AgentQuery(
                null, null, req.selector(), null, "instanceUid", 0, AgentQuery.MAX_LIMIT));
    List<Agent> agents =
        page.items().stream().sorted(java.util.Comparator.comparing(Agent::instanceUid)).toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    Set<Integer> batches = new TreeSet<>();
    for (int i = 0; i < agents.size(); i++) {
      Agent agent = agents.get(i);
      int batch = batchOf(i, page.total(), s);
      batches.add(batch);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("uid", agent.instanceUid());
      row.put("name", agent.name());
      row.put("batch", batch);
      row.put(
          "current",
          agent.desiredConfig() == null
              ? null
              : agent.desiredConfig().name() + "@" + agent.desiredConfig().version());
      rows.add(row);
    }
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(
        "action", "roll " + v.name() + "@" + v.version() + " out to " + page.total() + " agent(s)");
    plan.put("config", v.name());
    plan.put("version", v.version());
    plan.put("hash", v.hash());
    plan.put("lint", v.lint());
    plan.put("selector", req.selector());
    plan.put("strategy", s);
    plan.put("batches", batches.size());
    plan.put("agentCount", page.total());
    plan.put("agents", rows);
    if (page.total() > rows.size()) {
      plan.put("note", "only the first " + rows.size() + " agents are listed");
    }
    return plan;
  }

  /** The same split the rollout engine makes: canary is batch 0, then 1, 2, …. */
  private static int batchOf(int index, int total, RolloutStrategy s) {
    int canary = s.canary().of(total);
    if (index < canary) {
      return 0;
    }
    int size = Math.max(1, s.batchSize().of(total - canary));
    return 1 + (index - canary) / size;
  }

  private static Map<String, Object> abortPlan(RolloutView r) {
    Map<String, Object> plan = new LinkedHashMap<>();
    List<String> skipped =
        r.agents().stream()
            .filter(x -> x.state().equals("pending"))
            .map(RolloutView.AgentRow::instanceUid)
            .toList();
    plan.put("action", "abort rollout " + r.id() + " (" + r.config() + "@" + r.version() + ")");
    plan.put("state", r.state());
    plan.put("counts", r.counts());
    plan.put("agentsSkipped", skipped);
    plan.put("note", "agents already offered the version keep it; use rollback_rollout to undo");
    return plan;
  }

  private static Map<String, Object> rollbackPlan(RolloutView r) {
    List<Map<String, Object>> back = new ArrayList<>();
    for (RolloutView.AgentRow row : r.agents()) {
      if (row.previousVersion() != null && !Set.of("pending", "skipped").contains(row.state())) {
        back.add(
            Map.of(
                "uid", row.instanceUid(), "state", row.state(), "backTo", row.previousVersion()));
      }
    }
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("action", "roll back rollout " + r.id() + " (" + r.config() + "@" + r.version() + ")");
    plan.put("state", r.state());
    plan.put("agentCount", back.size());
    plan.put("agents", back);
    plan.put(
        "note", "a new rollout gives each listed agent its previous version; the old one ends");
    return plan;
  }

  private static Map<String, Object> summary(RolloutView r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", r.id());
    out.put("config", r.config());
    out.put("version", r.version());
    out.put("state", r.state());
    out.put("reason", r.reason());
    out.put("rollbackOf", r.rollbackOf());
    out.put("counts", r.counts());
    return out;
  }

  private static Map<String, Object> version(ConfigVersion v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", v.version());
    out.put("hash", v.hash());
    out.put("author", v.author());
    out.put("message", v.message());
    out.put("createdAt", v.createdAt());
    out.put("source", v.source());
    out.put("lintErrors", v.lint() == null ? 0 : v.lint().errors());
    out.put("lintWarnings", v.lint() == null ? 0 : v.lint().warnings());
    out.put(
        "files", v.files() == null ? List.of() : List.copyOf(new TreeSet<>(v.files().keySet())));
    out.put("uri", "flotilla://configs/" + v.name() + "/versions/" + v.version());
    return out;
  }
}

package dev.flotilla.server.mcp;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentPage;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.Fleet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Tools over single agents and the fleet filter, on the {@link Fleet} every front end uses. */
final class AgentTools {
  private static final String UID = "The agent's instance uid (36-character UUID).";

  private final Fleet fleet;
  private final Audit audit;

  AgentTools(Fleet fleet, Audit audit) {
    this.fleet = fleet;
    this.audit = audit;
  }

  List<Tool> tools() {
    return List.of(
        Tool.read(
            "fleet_summary",
            "Fleet summary",
            "Counts over the whole fleet: total, connected, disconnected, unhealthy, failed configs,"
                + " waiting for approval.",
            Schema.object().build(),
            (a, c) -> fleet.summary()),
        Tool.read(
            "list_agents",
            "List agents",
            "Agents matching a filter, one compact row each (uid, name, approval, connection,"
                + " health, labels, config status, drift). All filters are optional and combine.",
            Schema.object()
                .bool("connected", "Only connected (true) or disconnected (false) agents.")
                .bool("healthy", "Only healthy (true) or unhealthy (false) agents.")
                .stringMap(
                    "selector",
                    "Every entry must equal a label or a reported attribute, e.g."
                        + " {\"env\": \"prod\", \"service.name\": \"fluent-bit\"}.")
                .string("text", "Case-insensitive substring of uid, name, attribute or label.")
                .oneOf("approval", "Approval state.", "approved", "pending", "blocked")
                .oneOf(
                    "configStatus",
                    "Remote config status.",
                    "UNSET",
                    "APPLYING",
                    "APPLIED",
                    "FAILED")
                .bool("drift", "Only agents whose config differs from their desired version.")
                .integer("limit", "At most this many rows (1-1000, default 100).")
                .integer("offset", "Rows to skip (default 0).")
                .build(),
            (a, c) -> list(a)),
        Tool.read(
            "get_agent",
            "Get agent",
            "One agent in full: description, capabilities, health tree, connection, labels,"
                + " remote config status, desired config and drift. Effective config file names"
                + " only; see get_effective_config.",
            Schema.object().required("uid", UID).build(),
            (a, c) -> detail(fleet.agent(a.text("uid")))),
        Tool.read(
            "get_effective_config",
            "Get effective config",
            "The config files the agent reports it runs, with their text.",
            Schema.object().required("uid", UID).build(),
            (a, c) -> effectiveConfig(fleet.agent(a.text("uid")))),
        Tool.read(
            "get_agent_events",
            "Get agent events",
            "The agent's history, newest first: connections, health changes, config outcomes,"
                + " commands.",
            Schema.object()
                .required("uid", UID)
                .integer("limit", "At most this many events (1-1000, default 50).")
                .integer("before", "Only events with a smaller id (for older pages).")
                .build(),
            (a, c) -> {
              Integer before = a.optInt("before");
              return fleet.events(
                  a.text("uid"),
                  before == null ? null : before.longValue(),
                  a.integer("limit", 50));
            }),
        Tool.destructive(
            "set_labels",
            "Set labels",
            "Replaces the agent's server-set labels. Labels decide which rollouts select the agent.",
            Schema.object()
                .required("uid", UID)
                .requiredStringMap("labels", "The complete new set of labels (replaces the old).")
                .build(),
            true,
            (a, c) -> labelPlan(fleet.agent(a.text("uid")), a.stringMap("labels")),
            (a, c) -> {
              Map<String, String> labels = a.stringMap("labels");
              Agent after = fleet.setLabels(a.text("uid"), labels);
              audit.record(
                  c.actor(), "agent.labels", after.instanceUid(), new TreeMap<>(labels).toString());
              return row(after);
            }),
        Tool.destructive(
            "restart_agent",
            "Restart agent",
            "Asks the agent (its supervisor) to restart the engine.",
            Schema.object().required("uid", UID).build(),
            false,
            (a, c) -> restartPlan(fleet.agent(a.text("uid"))),
            (a, c) -> {
              String uid = a.text("uid");
              var command = fleet.sendCommand(uid, CommandRequest.restart());
              audit.record(c.actor(), "agent.restart", uid, "restart command queued");
              return command;
            }),
        Tool.write(
            "approve_agent",
            "Approve agent",
            "Lets a pending (or blocked) agent in.",
            Schema.object().required("uid", UID).build(),
            true,
            (a, c) -> {
              Agent agent = fleet.approve(a.text("uid"));
              audit.record(c.actor(), "agent.approve", agent.instanceUid(), "approved");
              return row(agent);
            }),
        Tool.destructive(
            "block_agent",
            "Block agent",
            "Refuses the agent on both OpAMP transports from now on and closes its connection.",
            Schema.object().required("uid", UID).build(),
            true,
            (a, c) -> {
              Agent agent = fleet.agent(a.text("uid"));
              Map<String, Object> plan = new LinkedHashMap<>();
              plan.put("action", "block the agent: it is disconnected and refused until approved");
              plan.put("agent", row(agent));
              return plan;
            },
            (a, c) -> {
              Agent agent = fleet.block(a.text("uid"));
              audit.record(c.actor(), "agent.block", agent.instanceUid(), "blocked");
              return row(agent);
            }));
  }

  private Map<String, Object> list(Args a) {
    AgentQuery q =
        new AgentQuery(
            a.optBool("connected"),
            a.optBool("healthy"),
            a.stringMap("selector"),
            a.optText("text"),
            null,
            a.integer("offset", 0),
            a.integer("limit", AgentQuery.DEFAULT_LIMIT),
            a.optText("approval"),
            a.optText("configStatus"),
            a.optBool("drift"));
    AgentPage page = fleet.agents(q);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", page.total());
    out.put("offset", page.offset());
    out.put("items", page.items().stream().map(AgentTools::row).toList());
    return out;
  }

  /** One agent as a list row: what answers "which agents are unhealthy and why". */
  static Map<String, Object> row(Agent a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("uid", a.instanceUid());
    r.put("name", a.name());
    Map<String, String> id = a.description() == null ? Map.of() : a.description().identifying();
    r.put("service", id.get("service.name"));
    r.put("version", id.get("service.version"));
    r.put("approval", a.approval());
    r.put("connected", a.connection() != null && a.connection().connected());
    r.put("lastSeen", a.connection() == null ? null : a.connection().lastSeen());
    r.put("healthy", a.health() == null ? null : a.health().healthy());
    r.put("status", a.health() == null ? null : a.health().status());
    r.put("lastError", a.health() == null ? null : a.health().lastError());
    r.put("labels", a.labels());
    r.put("configStatus", a.remoteConfigStatus() == null ? null : a.remoteConfigStatus().status());
    r.put("desiredConfig", a.desiredConfig());
    r.put("drift", a.drift() == null ? null : a.drift().state());
    return r;
  }

  private static Map<String, Object> detail(Agent a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("uid", a.instanceUid());
    r.put("name", a.name());
    r.put("approval", a.approval());
    r.put("description", a.description());
    r.put("capabilities", a.capabilities());
    r.put("customCapabilities", a.customCapabilities());
    r.put("health", a.health());
    r.put("connection", a.connection());
    r.put("labels", a.labels());
    r.put("remoteConfigStatus", a.remoteConfigStatus());
    r.put("remoteConfigHash", a.remoteConfig() == null ? null : a.remoteConfig().hash());
    r.put("desiredConfig", a.desiredConfig());
    r.put("drift", a.drift());
    r.put(
        "effectiveConfigFiles",
        a.effectiveConfig() == null || a.effectiveConfig().files() == null
            ? List.of()
            : List.copyOf(new TreeSet<>(a.effectiveConfig().files().keySet())));
    r.put("firstSeen", a.firstSeen());
    return r;
  }

  static Map<String, Object> effectiveConfig(Agent a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("uid", a.instanceUid());
    r.put("name", a.name());
    r.put(
        "files",
        a.effectiveConfig() == null || a.effectiveConfig().files() == null
            ? Map.of()
            : new TreeMap<>(a.effectiveConfig().files()));
    return r;
  }

  private static Map<String, Object> labelPlan(Agent agent, Map<String, String> labels) {
    Map<String, String> before = agent.labels() == null ? Map.of() : agent.labels();
    Map<String, Object> changes = new TreeMap<>();
    before.forEach(
        (k, v) -> {
          if (!labels.containsKey(k)) {
            changes.put(k, Map.of("from", v, "to", "(removed)"));
          } else if (!labels.get(k).equals(v)) {
            changes.put(k, Map.of("from", v, "to", labels.get(k)));
          }
        });
    labels.forEach(
        (k, v) -> {
          if (!before.containsKey(k)) {
            changes.put(k, Map.of("from", "(none)", "to", v));
          }
        });
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("action", "replace the labels of one agent");
    plan.put("agent", Map.of("uid", agent.instanceUid(), "name", agent.name()));
    plan.put("labelsBefore", new TreeMap<>(before));
    plan.put("labelsAfter", new TreeMap<>(labels));
    plan.put("changes", changes);
    plan.put(
        "note",
        "labels decide which rollouts and selectors pick this agent; a changed label can add it"
            + " to or drop it from future rollouts");
    return plan;
  }

  private static Map<String, Object> restartPlan(Agent agent) {
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put("action", "restart the engine of one agent");
    plan.put("agent", row(agent));
    boolean accepts =
        agent.capabilities() != null && agent.capabilities().contains("AcceptsRestartCommand");
    plan.put("acceptsRestart", accepts);
    if (!accepts) {
      plan.put(
          "warning",
          "this agent does not advertise AcceptsRestartCommand; the call will be refused");
    }
    return plan;
  }
}

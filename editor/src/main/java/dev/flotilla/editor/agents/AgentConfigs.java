package dev.flotilla.editor.agents;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.Fleet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Agents' effective configs, read through {@link Fleet}, to open in the editor. */
public final class AgentConfigs {

  /** An agent as the open dialog lists it. {@code engine} is null when it cannot be told. */
  public record Listed(
      String uid, String name, String engine, boolean connected, List<String> files) {}

  public record File(String name, String text) {}

  public record Config(String uid, String name, String engine, List<File> files) {}

  private static final int LIMIT = 500;

  private final Fleet fleet;

  public AgentConfigs(Fleet fleet) {
    this.fleet = fleet;
  }

  /** Agents that report an effective config, by name; at most 500, filtered by {@code text}. */
  public List<Listed> list(String text) {
    List<Listed> out = new ArrayList<>();
    for (Agent a :
        fleet.agents(new AgentQuery(null, null, Map.of(), text, "name", 0, LIMIT)).items()) {
      Map<String, Agent.ConfigFile> files = files(a);
      if (!files.isEmpty()) {
        out.add(
            new Listed(
                a.instanceUid(),
                a.name(),
                engine(a),
                a.connection() != null && a.connection().connected(),
                List.copyOf(files.keySet())));
      }
    }
    return out;
  }

  public Config config(String uid) {
    Agent a = fleet.agent(uid);
    List<File> files = new ArrayList<>();
    files(a).forEach((name, f) -> files.add(new File(name, f.body() == null ? "" : f.body())));
    return new Config(a.instanceUid(), a.name(), engine(a), files);
  }

  private static Map<String, Agent.ConfigFile> files(Agent a) {
    return a.effectiveConfig() == null || a.effectiveConfig().files() == null
        ? Map.of()
        : new java.util.TreeMap<>(a.effectiveConfig().files());
  }

  /** From the agent's {@code service.name} (fluent-bit, fluentd, td-agent, …). */
  static String engine(Agent a) {
    if (a.description() == null || a.description().identifying() == null) {
      return null;
    }
    String service =
        a.description().identifying().getOrDefault("service.name", "").toLowerCase(Locale.ROOT);
    if (service.contains("fluentd") || service.contains("td-agent")) {
      return "fluentd";
    }
    if (service.contains("fluent-bit") || service.contains("fluentbit")) {
      return "fluent-bit";
    }
    return null;
  }
}

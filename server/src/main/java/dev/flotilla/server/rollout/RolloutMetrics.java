package dev.flotilla.server.rollout;

import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.DesiredState;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The deployment gauges of {@code /metrics}, in Prometheus text format. */
public final class RolloutMetrics {
  private final RolloutEngine engine;
  private final DesiredState desired;
  private final Supplier<List<AgentRecord>> agents;

  public RolloutMetrics(
      RolloutEngine engine, DesiredState desired, Supplier<List<AgentRecord>> agents) {
    this.engine = engine;
    this.desired = desired;
    this.agents = agents;
  }

  public String render() {
    long drifted = 0;
    long failed = 0;
    for (AgentRecord r : agents.get()) {
      String state = desired.drift(r).state();
      if (!state.equals("none")) {
        drifted++;
      }
      if (state.equals("failed")) {
        failed++;
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("# HELP flotilla_agents_drifted Agents whose config differs from their desired")
        .append(" version, or that failed to apply it.\n")
        .append("# TYPE flotilla_agents_drifted gauge\n")
        .append("flotilla_agents_drifted ")
        .append(drifted)
        .append('\n')
        .append("# HELP flotilla_agents_config_failed Agents that failed their desired version.\n")
        .append("# TYPE flotilla_agents_config_failed gauge\n")
        .append("flotilla_agents_config_failed ")
        .append(failed)
        .append('\n');
    Map<String, Map<String, Integer>> gauges = engine.gauges();
    out.append("# HELP flotilla_rollouts Rollouts by state.\n")
        .append("# TYPE flotilla_rollouts gauge\n");
    gauges
        .get("rollouts")
        .forEach(
            (state, n) ->
                out.append("flotilla_rollouts{state=\"")
                    .append(state)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    out.append("# HELP flotilla_rollout_agents Agents of active rollouts by agent state.\n")
        .append("# TYPE flotilla_rollout_agents gauge\n");
    gauges
        .get("agents")
        .forEach(
            (state, n) ->
                out.append("flotilla_rollout_agents{state=\"")
                    .append(state)
                    .append("\"} ")
                    .append(n)
                    .append('\n'));
    return out.toString();
  }
}

package dev.flotilla.server.rollout;

import dev.flotilla.fleet.RolloutView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A rollout and its agents' rows as every front end sees them. */
final class RolloutViews {
  private RolloutViews() {}

  static RolloutView of(Rollout r, List<RolloutAgent> rows, boolean withAgents) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    RolloutView.AGENT_STATES.forEach(s -> counts.put(s, 0));
    rows.forEach(a -> counts.merge(a.state(), 1, Integer::sum));
    return new RolloutView(
        r.id(),
        r.config(),
        r.version(),
        r.hash(),
        r.selector(),
        r.strategy(),
        r.state(),
        r.reason(),
        r.rollbackOf(),
        r.createdBy(),
        r.createdAt(),
        r.updatedAt(),
        counts,
        withAgents
            ? rows.stream()
                .map(
                    a ->
                        new RolloutView.AgentRow(
                            a.instanceUid().toString(),
                            a.batch(),
                            a.state(),
                            a.message(),
                            a.previousLabel(),
                            a.updatedAt()))
                .toList()
            : List.of());
  }
}

package dev.flotilla.server.rollout;

import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentFilter;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.LiveFleet;
import dev.flotilla.server.configs.Assignment;
import dev.flotilla.server.configs.ConfigVersions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Agents that match the selector of the newest completed rollout for that selector, with nothing
 * newer and not in an active rollout: new agents, and agents skipped earlier that are now
 * connected. They get that rollout's version.
 */
final class LateJoiners {
  private final AgentProgress progress;
  private final ConfigVersions configs;
  private final LiveFleet fleet;

  LateJoiners(AgentProgress progress, ConfigVersions configs, LiveFleet fleet) {
    this.progress = progress;
    this.configs = configs;
    this.fleet = fleet;
  }

  /**
   * The rows to add, per completed rollout: its late joiners, already offered the version.
   *
   * @param rows a rollout's agent rows
   */
  Map<Rollout, List<RolloutAgent>> find(
      Collection<Rollout> all, Function<Rollout, List<RolloutAgent>> rows, Instant now) {
    Map<Rollout, List<RolloutAgent>> out = new LinkedHashMap<>();
    Map<Map<String, String>, Rollout> newest = new HashMap<>();
    Set<InstanceUid> busy = new HashSet<>();
    for (Rollout r : all) {
      if (r.state().equals(Rollout.COMPLETED) && r.rollbackOf() == null) {
        newest.put(r.selector(), r);
      }
      if (r.active()) {
        rows.apply(r).stream()
            .filter(a -> !a.state().equals(RolloutAgent.SKIPPED))
            .forEach(a -> busy.add(a.instanceUid()));
      }
    }
    if (newest.isEmpty()) {
      return out;
    }
    List<AgentRecord> records = fleet.records();
    for (Rollout r : newest.values()) {
      Map<InstanceUid, RolloutAgent> known = new HashMap<>();
      rows.apply(r).forEach(a -> known.put(a.instanceUid(), a));
      List<RolloutAgent> joined = new ArrayList<>();
      Map<String, ConfigVersion> versions = new HashMap<>();
      int batch = known.values().stream().mapToInt(RolloutAgent::batch).max().orElse(0) + 1;
      for (AgentRecord record : records) {
        InstanceUid uid = record.instanceUid();
        RolloutAgent row = known.get(uid);
        if (busy.contains(uid)
            || (row != null && !row.state().equals(RolloutAgent.SKIPPED))
            || !AgentFilter.selects(record, r.selector())
            || progress.skipReason(record) != null) {
          continue;
        }
        Assignment a = configs.assignment(uid);
        if (a != null && (a.hash().equals(r.hash()) || a.assignedAt().isAfter(r.createdAt()))) {
          continue;
        }
        RolloutAgent fresh =
            new RolloutAgent(
                r.id(),
                uid,
                row == null ? batch : row.batch(),
                RolloutAgent.PENDING,
                null,
                r.config(),
                r.version(),
                r.hash(),
                null,
                null,
                null,
                null,
                now);
        RolloutAgent offered = progress.offer(r, fresh, versions, now);
        joined.add(offered.with(RolloutAgent.OFFERED, "joined after the rollout completed", now));
      }
      if (!joined.isEmpty()) {
        out.put(r, joined);
      }
    }
    return out;
  }
}

package dev.flotilla.server.agents;

import dev.flotilla.fleet.FleetSummary;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import java.util.Collection;

/** Computes {@link FleetSummary} from agent snapshots. */
public final class Summaries {
  private Summaries() {}

  public static FleetSummary of(Collection<AgentRecord> agents) {
    return of(agents, 0);
  }

  public static FleetSummary of(Collection<AgentRecord> agents, int pendingApproval) {
    int connected = 0;
    int unhealthy = 0;
    int failed = 0;
    for (AgentRecord r : agents) {
      if (r.connection() != null && r.connection().connected()) {
        connected++;
      }
      if (r.health().getSerializedSize() > 0 && !r.health().getHealthy()) {
        unhealthy++;
      }
      if (r.remoteConfigStatus().getStatus() == RemoteConfigStatuses.RemoteConfigStatuses_FAILED) {
        failed++;
      }
    }
    return new FleetSummary(
        agents.size(), connected, agents.size() - connected, unhealthy, failed, pendingApproval);
  }
}

package dev.flotilla.server.rollout;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;

import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.LiveFleet;
import dev.flotilla.server.configs.Assignment;
import dev.flotilla.server.configs.ConfigVersions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One agent's way through a rollout: whether it can be offered the version, offering it, and
 * judging from what it reports (and its assignment's outcome) whether it is applied, healthy,
 * failed or timed out. Holds no state of its own; the {@link RolloutEngine} keeps the rows.
 */
final class AgentProgress {
  private final ConfigVersions configs;
  private final LiveFleet fleet;

  AgentProgress(ConfigVersions configs, LiveFleet fleet) {
    this.configs = configs;
    this.fleet = fleet;
  }

  /** The row after what the agent reported since; the same row when nothing changed. */
  RolloutAgent evaluate(RolloutAgent row, RolloutStrategy s, Instant now) {
    AgentRecord record = fleet.record(row.instanceUid());
    if (record == null) {
      return row.with(RolloutAgent.SKIPPED, "agent forgotten", now);
    }
    Assignment a = configs.assignment(row.instanceUid());
    if (a == null
        || !Objects.equals(a.rolloutId(), row.rolloutId())
        || !a.hash().equals(row.targetHash())) {
      return row.with(
          RolloutAgent.SKIPPED,
          "given " + (a == null ? "no config" : a.label()) + " by something else meanwhile",
          now);
    }
    switch (a.outcome()) {
      case Assignment.FAILED -> {
        return row.with(RolloutAgent.FAILED, a.message(), now);
      }
      case Assignment.TIMED_OUT -> {
        return row.with(RolloutAgent.TIMED_OUT, a.message(), now);
      }
      default -> {}
    }
    RolloutAgent out = row;
    if (out.state().equals(RolloutAgent.OFFERED) && a.outcome().equals(Assignment.APPLIED)) {
      out = out.with(RolloutAgent.APPLIED, out.message(), now);
    }
    String unhealthy = null;
    if (out.state().equals(RolloutAgent.APPLIED)) {
      boolean reported = record.health().getSerializedSize() > 0;
      if (!reported || record.health().getHealthy()) {
        Instant since = out.healthySince() == null ? now : out.healthySince();
        if (out.healthySince() == null) {
          out = out.healthySince(since, now);
        }
        if (!Duration.between(since, now).minusSeconds(s.healthySeconds()).isNegative()) {
          return out.with(RolloutAgent.HEALTHY, out.message(), now);
        }
      } else {
        unhealthy = record.health().getLastError();
        if (out.healthySince() != null) {
          out = out.healthySince(null, now);
        }
      }
    }
    if (!now.isBefore(out.offeredAt().plusSeconds(s.timeoutSeconds()))) {
      String message =
          out.state().equals(RolloutAgent.OFFERED)
              ? "not applied within " + s.timeoutSeconds() + " s"
              : "applied but not healthy for "
                  + s.healthySeconds()
                  + " s within "
                  + s.timeoutSeconds()
                  + " s"
                  + (unhealthy == null || unhealthy.isEmpty() ? "" : ": " + unhealthy);
      if (out.state().equals(RolloutAgent.OFFERED)) {
        configs.timedOut(row.instanceUid(), row.targetHash(), message);
      }
      return out.with(RolloutAgent.TIMED_OUT, message, now);
    }
    return out;
  }

  /** Assigns the row's target to its agent and records what it had before. */
  RolloutAgent offer(
      Rollout r, RolloutAgent row, Map<String, ConfigVersion> versions, Instant now) {
    ConfigVersion v =
        versions.computeIfAbsent(
            row.targetName() + "@" + row.targetVersion(),
            k -> configs.version(row.targetName(), row.targetVersion()));
    Assignment prev = configs.lastApplied(row.instanceUid());
    configs.assign(row.instanceUid(), v, r.id(), r.createdBy() + " (rollout " + r.id() + ")");
    return row.offered(
        prev == null ? null : prev.name(), prev == null ? null : prev.version(), now);
  }

  /** Why the agent cannot be offered a version now; null when it can. */
  String skipReason(AgentRecord record) {
    if (record == null) {
      return "agent forgotten";
    }
    if (record.connection() == null || !record.connection().connected()) {
      return "disconnected";
    }
    if (!Capabilities.has(record.capabilities(), AgentCapabilities_AcceptsRemoteConfig)) {
      return "AcceptsRemoteConfig capability missing";
    }
    if (!fleet.approved(record.instanceUid())) {
      return "not approved";
    }
    return null;
  }
}

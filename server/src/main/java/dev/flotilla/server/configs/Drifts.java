package dev.flotilla.server.configs;

import static dev.flotilla.opamp.proto.RemoteConfigStatuses.RemoteConfigStatuses_APPLIED;
import static dev.flotilla.opamp.proto.RemoteConfigStatuses.RemoteConfigStatuses_FAILED;

import dev.flotilla.fleet.Drift;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.server.agents.AgentRecord;

/**
 * Drift: how what an agent reports compares with its desired version, including the outcome the
 * server kept for that version (failed, timed out, applied).
 */
final class Drifts {
  private Drifts() {}

  /** How the agent compares with its desired version {@code a}. */
  static Drift of(AgentRecord record, Assignment a) {
    RemoteConfigStatus st = record.remoteConfigStatus();
    String reported =
        st.getLastRemoteConfigHash().isEmpty()
            ? null
            : ConfigHash.hex(st.getLastRemoteConfigHash());
    String running = running(record, a, reported);
    if (a.outcome().equals(Assignment.FAILED)) {
      return new Drift(
          "failed",
          "failed to apply "
              + a.label()
              + (a.message() == null || a.message().isEmpty() ? "" : ": " + a.message()),
          running);
    }
    if (a.hash().equals(reported)) {
      return switch (st.getStatus()) {
        case RemoteConfigStatuses_APPLIED -> Drift.NONE;
        case RemoteConfigStatuses_FAILED ->
            new Drift("failed", "failed to apply " + a.label() + ": " + st.getErrorMessage(), null);
        default -> new Drift("pending", a.label() + " is being applied", null);
      };
    }
    if (a.outcome().equals(Assignment.APPLIED)) {
      return new Drift(
          "drifted",
          "reports config "
              + (reported == null ? "none" : reported)
              + ", desired "
              + a.label()
              + " ("
              + a.hash()
              + ")",
          running);
    }
    if (a.outcome().equals(Assignment.TIMED_OUT)) {
      return new Drift("failed", a.label() + " timed out: " + a.message(), running);
    }
    return new Drift("pending", a.label() + " offered, not yet applied", running);
  }

  /** What the agent runs: the hash it last reported APPLIED for, when that is known. */
  private static String running(AgentRecord record, Assignment a, String reported) {
    return record.remoteConfigStatus().getStatus()
            == RemoteConfigStatuses.RemoteConfigStatuses_APPLIED
        ? reported
        : null;
  }
}

package dev.flotilla.cli.rollouts;

import dev.flotilla.cli.configs.Tables;
import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.RolloutView;
import java.io.PrintWriter;
import java.util.List;

/** Rollouts as text: the list, one rollout's summary and agent rows. */
final class RolloutText {
  private RolloutText() {}

  static void list(PrintWriter out, List<RolloutView> rollouts) {
    String row = "%-36s  %-24s  %-11s  %-9s  %-20s  %s%n";
    out.printf(row, "ID", "CONFIG", "STATE", "PROGRESS", "CREATED", "SELECTOR");
    for (RolloutView r : rollouts) {
      out.printf(
          row,
          r.id(),
          Tables.truncate(r.config() + "@" + r.version(), 24),
          r.state(),
          Progress.settled(r.counts()) + "/" + Progress.total(r.counts()),
          Tables.time(r.createdAt()),
          r.selector().isEmpty() ? "(every agent)" : r.selector());
    }
    out.printf("%d rollout(s)%n", rollouts.size());
  }

  static void status(PrintWriter out, RolloutView r) {
    out.printf("rollout   %s%n", r.id());
    out.printf("config    %s@%d (hash %s)%n", r.config(), r.version(), shortHash(r.hash()));
    out.printf("selector  %s%n", r.selector().isEmpty() ? "(every agent)" : r.selector());
    out.printf("strategy  %s%n", strategy(r.strategy()));
    out.printf("state     %s%s%n", r.state(), r.reason() == null ? "" : ": " + r.reason());
    if (r.rollbackOf() != null) {
      out.printf("rolls back %s%n", r.rollbackOf());
    }
    out.printf("created   %s by %s%n", Tables.time(r.createdAt()), r.createdBy());
    out.printf("updated   %s%n", Tables.time(r.updatedAt()));
    out.printf("agents    %s%n", Progress.counts(r.counts()));
    if (r.agents().isEmpty()) {
      return;
    }
    out.println();
    String row = "%-36s  %-5s  %-9s  %-24s  %s%n";
    out.printf(row, "INSTANCE UID", "BATCH", "STATE", "PREVIOUS", "MESSAGE");
    for (RolloutView.AgentRow a : r.agents()) {
      out.printf(
          row,
          a.instanceUid(),
          a.batch() == 0 ? "canary" : Integer.toString(a.batch()),
          a.state(),
          a.previousVersion() == null ? "-" : Tables.truncate(a.previousVersion(), 24),
          a.message() == null ? "" : a.message());
    }
  }

  static String strategy(RolloutStrategy s) {
    RolloutStrategy d = s == null ? RolloutStrategy.defaults() : s.withDefaults();
    return String.format(
        "canary %s, batches of %s, %ds between, healthy for %ds, timeout %ds, max failures %s",
        d.canary(),
        d.batchSize(),
        d.pauseSeconds(),
        d.healthySeconds(),
        d.timeoutSeconds(),
        d.maxFailures());
  }

  private static String shortHash(String hash) {
    return hash == null ? "-" : hash.substring(0, Math.min(12, hash.length()));
  }
}

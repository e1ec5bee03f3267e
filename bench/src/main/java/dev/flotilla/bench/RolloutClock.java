package dev.flotilla.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.flotilla.fleet.RolloutView;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What one rollout took: wall time as seen from here (from just before {@code POST
 * /api/v1/rollouts} to the first read that says completed), when each batch finished, and the CPU
 * time and peak heap of the server and of this process over that span. Heap peaks are sampled: the
 * server's from {@code /metrics} at most once a second, this process's on every read. Not
 * thread-safe: one polling thread.
 */
final class RolloutClock {
  private static final long SERVER_SAMPLE_NANOS = 1_000_000_000L;

  private final List<Integer> batchSizes;
  private final ServerGauges gauges;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final OperatingSystemMXBean os =
      ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
  private long startNanos;
  private long endNanos;
  private long lastServerSample;
  private Optional<Duration> serverCpuBefore = Optional.empty();
  private Optional<Duration> serverCpuAfter = Optional.empty();
  private long clientCpuBefore;
  private long clientCpuAfter;
  private long serverPeakHeap = -1;
  private long clientPeakHeap;
  private int batchesSeenDone;
  private String lastLine = "";

  RolloutClock(List<Integer> batchSizes, ServerGauges gauges) {
    this.batchSizes = batchSizes;
    this.gauges = gauges;
  }

  /** Call right after the rollout was created; takes the baselines. */
  void started(RolloutView created) {
    serverCpuBefore = gauges.cpuTime();
    clientCpuBefore = os.getProcessCpuTime();
    startNanos = System.nanoTime() - 1; // the POST itself counts
    sample(true);
    observe(created);
  }

  /** Takes a summary read while the rollout runs; returns progress lines worth printing. */
  List<String> observe(RolloutView r) {
    sample(false);
    List<String> lines = new ArrayList<>();
    double at = seconds();
    int finished = finished(r.counts());
    int boundary = 0;
    for (int b = 0; b < batchSizes.size(); b++) {
      boundary += batchSizes.get(b);
      if (b < batchesSeenDone) {
        continue;
      }
      if (finished < boundary) {
        break;
      }
      batchesSeenDone = b + 1;
      if (batchSizes.get(b) > 0) {
        lines.add(
            String.format(
                "%s done: %d agents, %d of %d finished, at +%.2f s",
                b == 0 ? "canary" : "batch " + b, batchSizes.get(b), finished, total(r), at));
      }
    }
    String state = String.format("%-9s %s", r.state(), compact(r.counts()));
    if (!state.equals(lastLine)) {
      lines.add(String.format("+%6.2f s  %s", at, state));
      lastLine = state;
    }
    if (r.finished() || r.state().equals("paused")) {
      endNanos = System.nanoTime();
    }
    return lines;
  }

  /** Call once the rollout is over (or the run timed out), with its full view. */
  void ended(RolloutView full) {
    if (endNanos == 0) {
      endNanos = System.nanoTime();
    }
    serverCpuAfter = gauges.cpuTime();
    clientCpuAfter = os.getProcessCpuTime();
    sample(true);
  }

  List<String> report(RolloutView full, int connected, LoadStats stats, String hash) {
    List<String> lines = new ArrayList<>();
    Map<String, Integer> c = full.counts();
    double wall = (endNanos - startNanos) / 1e9;
    lines.add("");
    lines.add(
        String.format(
            "== Flotilla rollout: %d agents, canary %s, batches of %s, pause %d s, healthy %d s ==",
            total(full),
            full.strategy().canary(),
            full.strategy().batchSize(),
            full.strategy().pauseSeconds(),
            full.strategy().healthySeconds()));
    lines.add(
        String.format(
            "agents                  %d connected, %d in the rollout: %d healthy, %d failed,"
                + " %d timed out, %d skipped",
            connected,
            total(full),
            c.getOrDefault("healthy", 0),
            c.getOrDefault("failed", 0),
            c.getOrDefault("timed_out", 0),
            c.getOrDefault("skipped", 0)));
    lines.add(
        String.format(
            "rollout                 %s in %.2f s (start to %s, seen here; server: %.2f s)%s",
            full.state(),
            wall,
            full.state(),
            between(full.createdAt(), full.updatedAt()),
            full.reason() == null ? "" : " — " + full.reason()));
    TreeMap<Integer, List<RolloutView.AgentRow>> byBatch = new TreeMap<>();
    full.agents().forEach(a -> byBatch.computeIfAbsent(a.batch(), k -> new ArrayList<>()).add(a));
    double previous = 0;
    for (var e : byBatch.entrySet()) {
      Instant last =
          e.getValue().stream().map(RolloutView.AgentRow::updatedAt).max(Instant::compareTo).get();
      double done = between(full.createdAt(), last);
      long healthy = e.getValue().stream().filter(a -> a.state().equals("healthy")).count();
      lines.add(
          String.format(
              "%-23s %5d agents, %5d healthy, done at +%6.2f s (%5.2f s after the previous)",
              e.getKey() == 0 ? "canary" : "batch " + e.getKey(),
              e.getValue().size(),
              healthy,
              done,
              done - previous));
      previous = done;
    }
    lines.add(
        String.format(
            "server CPU              %s during the rollout (%s since it started)",
            cpu(serverCpuBefore, serverCpuAfter, wall),
            serverCpuAfter.map(d -> String.format("%.1f s", d.toMillis() / 1e3)).orElse("n/a")));
    lines.add(
        String.format(
            "server heap             peak %s in use (sampled each second from /metrics)",
            serverPeakHeap < 0 ? "n/a" : RolloutBench.mb(OptionalLong.of(serverPeakHeap))));
    lines.add(
        String.format(
            "bench CPU               %s during the rollout (%d agents and the poller)",
            cpu(
                Optional.of(Duration.ofNanos(clientCpuBefore)),
                Optional.of(Duration.ofNanos(clientCpuAfter)),
                wall),
            connected));
    lines.add(
        String.format(
            "bench heap              peak %s in use (sampled on every read)",
            RolloutBench.mb(OptionalLong.of(clientPeakHeap))));
    lines.add(
        String.format(
            "agents' errors          %d errors, %d disconnects, %d error responses; hash %s",
            stats.errors(), stats.disconnects(), stats.errorResponses(), hash));
    return lines;
  }

  private static String cpu(Optional<Duration> before, Optional<Duration> after, double wall) {
    if (before.isEmpty() || after.isEmpty()) {
      return "n/a";
    }
    double s = (after.get().toNanos() - before.get().toNanos()) / 1e9;
    return String.format("%.1f s (%.2f cores)", s, wall > 0 ? s / wall : 0);
  }

  private void sample(boolean server) {
    clientPeakHeap = Math.max(clientPeakHeap, memory.getHeapMemoryUsage().getUsed());
    long now = System.nanoTime();
    if (server || now - lastServerSample >= SERVER_SAMPLE_NANOS) {
      lastServerSample = now;
      gauges.heapInUseBytes().ifPresent(b -> serverPeakHeap = Math.max(serverPeakHeap, b));
    }
  }

  private double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static double between(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }

  private static int finished(Map<String, Integer> counts) {
    return counts.getOrDefault("healthy", 0)
        + counts.getOrDefault("failed", 0)
        + counts.getOrDefault("timed_out", 0)
        + counts.getOrDefault("skipped", 0);
  }

  private static int total(RolloutView r) {
    return RolloutBench.total(r);
  }

  private static String compact(Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    counts.forEach(
        (k, v) -> {
          if (v > 0) {
            b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(v);
          }
        });
    return b.toString();
  }
}

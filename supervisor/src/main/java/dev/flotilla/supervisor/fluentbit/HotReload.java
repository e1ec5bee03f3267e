package dev.flotilla.supervisor.fluentbit;

import dev.flotilla.supervisor.agent.MonitoringClient;
import dev.flotilla.supervisor.agent.ReloadOutcome;
import dev.flotilla.supervisor.process.AgentRuntime;
import dev.flotilla.supervisor.process.CappedLog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One verified Fluent Bit hot reload. {@code POST /api/v2/reload} answers "done" before the reload
 * even starts, so success is only {@code hot_reload_count} going up by one. Without that, the agent
 * either exited (aborted: 255, watchdog: 134), logged that the reload was halted (old pipeline
 * still runs), or is hung past the deadline (SIGTERM will be ignored; the caller must kill it). It
 * never POSTs a second time to probe: after a halt that would start another reload.
 */
final class HotReload {

  private static final Duration POLL = Duration.ofMillis(200);
  private final MonitoringClient monitoring;
  private final URI base;
  private final AgentRuntime runtime;

  HotReload(MonitoringClient monitoring, URI base, AgentRuntime runtime) {
    this.monitoring = monitoring;
    this.base = base;
    this.runtime = runtime;
  }

  ReloadOutcome run(Duration deadline) {
    OptionalLong before = count();
    if (before.isEmpty()) {
      return new ReloadOutcome.NeedsRestart("GET /api/v2/reload did not answer");
    }
    long mark = runtime.log().map(CappedLog::mark).orElse(0L);
    var reply = monitoring.post(base.resolve("/api/v2/reload"), "{}");
    if (reply.isEmpty()) {
      return new ReloadOutcome.NeedsRestart("POST /api/v2/reload did not answer");
    }
    String body = reply.get().body();
    if (body.contains("not enabled")) {
      return new ReloadOutcome.NeedsRestart("hot reload is not enabled");
    }
    if (reply.get().status() == 400) {
      return new ReloadOutcome.Hung("a previous reload is still in progress: " + body);
    }
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!runtime.isRunning()) {
        String status =
            runtime.lastExitCode().isPresent()
                ? String.valueOf(runtime.lastExitCode().getAsInt())
                : "unknown";
        return new ReloadOutcome.Died(
            "agent exited with status " + status + " during hot reload: " + errors(mark));
      }
      OptionalLong now = count();
      if (now.isPresent() && now.getAsLong() > before.getAsLong()) {
        return new ReloadOutcome.Reloaded();
      }
      List<String> lines = newLines(mark);
      if (lines.stream()
          .anyMatch(l -> l.contains("Reloading is halted") || l.contains("halting to reload"))) {
        return new ReloadOutcome.Halted("hot reload halted: " + errors(mark));
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return new ReloadOutcome.Hung(
        "hot reload did not finish within "
            + deadline.toSeconds()
            + " s (hot_reload_count stayed at "
            + before.getAsLong()
            + ")");
  }

  private OptionalLong count() {
    return monitoring
        .getJson(base.resolve("/api/v2/reload"))
        .filter(n -> n.has("hot_reload_count"))
        .map(n -> OptionalLong.of(n.path("hot_reload_count").asLong()))
        .orElse(OptionalLong.empty());
  }

  private List<String> newLines(long mark) {
    return runtime.log().map(l -> l.linesSince(mark)).orElse(List.of());
  }

  private String errors(long mark) {
    List<String> errors =
        newLines(mark).stream()
            .filter(l -> l.contains("[error]") || l.contains("aborted"))
            .toList();
    return errors.isEmpty() ? "(no error lines logged)" : String.join("\n", errors);
  }
}

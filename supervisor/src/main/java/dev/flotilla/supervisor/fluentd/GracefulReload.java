package dev.flotilla.supervisor.fluentd;

import dev.flotilla.supervisor.agent.MonitoringClient;
import dev.flotilla.supervisor.agent.ReloadOutcome;
import dev.flotilla.supervisor.process.AgentRuntime;
import dev.flotilla.supervisor.process.CappedLog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One verified {@code /api/config.gracefulReload}. The RPC reply is always {@code {"ok":true}},
 * even for a bad config, so success is read from the log ({@code restart fluentd worker} vs {@code
 * Failed to reload config file}) or, with {@code enable_get_dump}, from {@code config.getDump}
 * changing.
 */
final class GracefulReload {

  private final MonitoringClient monitoring;
  private final URI rpc;
  private final boolean getDump;
  private final AgentRuntime runtime;

  GracefulReload(MonitoringClient monitoring, URI rpc, boolean getDump, AgentRuntime runtime) {
    this.monitoring = monitoring;
    this.rpc = rpc;
    this.getDump = getDump;
    this.runtime = runtime;
  }

  ReloadOutcome run(Duration deadline) {
    Optional<String> dumpBefore = dump();
    long mark = runtime.log().map(CappedLog::mark).orElse(0L);
    var reply = monitoring.post(rpc.resolve("/api/config.gracefulReload"), "");
    if (reply.isEmpty() || reply.get().status() != 200) {
      return new ReloadOutcome.NeedsRestart(
          "config.gracefulReload failed: "
              + reply.map(r -> "HTTP " + r.status()).orElse("no answer"));
    }
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      if (!runtime.isRunning()) {
        return new ReloadOutcome.Died("fluentd exited during graceful reload");
      }
      List<String> lines = runtime.log().map(l -> l.linesSince(mark)).orElse(List.of());
      for (String line : lines) {
        if (line.contains("Failed to reload config file")) {
          return new ReloadOutcome.Halted(line.substring(line.indexOf("Failed to reload")));
        }
        if (line.contains("restart fluentd worker")) {
          return new ReloadOutcome.Reloaded();
        }
      }
      if (dumpBefore.isPresent() && dump().filter(d -> !d.equals(dumpBefore.get())).isPresent()) {
        return new ReloadOutcome.Reloaded();
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    return new ReloadOutcome.Hung(
        "graceful reload gave no verdict within " + deadline.toSeconds() + " s");
  }

  private Optional<String> dump() {
    if (!getDump) {
      return Optional.empty();
    }
    return monitoring
        .get(rpc.resolve("/api/config.getDump"))
        .filter(r -> r.status() == 200)
        .map(MonitoringClient.Reply::body);
  }
}

package dev.flotilla.supervisor.fluentbit;

import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.supervisor.agent.MonitoringClient;
import dev.flotilla.supervisor.agent.RuntimeHealth;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Builds the {@link ComponentHealth} tree from {@code /api/v2/health} (the agent's own verdict) and
 * {@code /api/v1/metrics} (one entry per plugin instance under {@code input}, {@code filter},
 * {@code output}). An output whose {@code errors} or {@code retries_failed} counters are non-zero
 * carries them in {@code last_error}; only the agent's verdict decides {@code healthy}.
 */
final class FluentBitHealth {

  private final MonitoringClient monitoring;

  FluentBitHealth(MonitoringClient monitoring) {
    this.monitoring = monitoring;
  }

  ComponentHealth read(AgentRuntime runtime, URI base) {
    var top = RuntimeHealth.top(runtime);
    if (!runtime.isRunning()) {
      return RuntimeHealth.notRunning(runtime, top);
    }
    if (base == null) {
      return top.setHealthy(true).setStatus("running").build();
    }
    var reply = monitoring.get(base.resolve("/api/v2/health"));
    if (reply.isEmpty()) {
      return top.setHealthy(false)
          .setStatus("starting")
          .setLastError("monitoring endpoint " + base + " is not reachable")
          .build();
    }
    JsonNode verdict = monitoring.parse(reply.get().body()).orElse(null);
    boolean ok = verdict != null && "ok".equals(verdict.path("status").asString(""));
    top.setHealthy(ok).setStatus(ok ? "running" : "unhealthy");
    if (!ok && verdict != null) {
      top.setLastError(
          "output errors="
              + verdict.path("errors").asLong()
              + " retries_failed="
              + verdict.path("retries_failed").asLong()
              + " in the last "
              + verdict.path("period_limit").asLong()
              + " s exceed the limits (errors "
              + verdict.path("error_limit").asLong()
              + ", retries_failed "
              + verdict.path("retry_failure_limit").asLong()
              + ")");
    } else if (!ok) {
      top.setLastError("/api/v2/health answered HTTP " + reply.get().status());
    }
    monitoring
        .get(base.resolve("/api/v1/metrics"))
        .filter(r -> r.status() == 200)
        .flatMap(r -> monitoring.parse(r.body()))
        .ifPresent(metrics -> addPlugins(top, metrics));
    return top.build();
  }

  private static void addPlugins(ComponentHealth.Builder top, JsonNode metrics) {
    for (String kind : List.of("input", "filter", "output")) {
      var group = ComponentHealth.newBuilder().setHealthy(true).setStatus("running");
      for (var instance : metrics.path(kind).properties()) {
        JsonNode counters = instance.getValue();
        long errors = counters.path("errors").asLong(0);
        long failed = counters.path("retries_failed").asLong(0);
        var plugin = ComponentHealth.newBuilder().setHealthy(true).setStatus("running");
        if (errors > 0 || failed > 0) {
          plugin.setStatus("errors").setLastError("errors=" + errors + " retries_failed=" + failed);
        }
        group.putComponentHealthMap(instance.getKey(), plugin.build());
      }
      top.putComponentHealthMap(kind, group.build());
    }
  }
}

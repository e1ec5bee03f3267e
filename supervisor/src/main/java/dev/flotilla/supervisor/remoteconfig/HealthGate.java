package dev.flotilla.supervisor.remoteconfig;

import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.supervisor.agent.AgentAdapter;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the agent is running and healthy, and still is one {@code settle} period later (a
 * config that fails during plugin init can look healthy for a moment before the agent exits).
 */
final class HealthGate {

  private final AgentAdapter adapter;
  private final Duration settle;

  HealthGate(AgentAdapter adapter, Duration settle) {
    this.adapter = adapter;
    this.settle = settle;
  }

  /** Returns null when healthy, else the reason it is not. */
  String await(AgentRuntime runtime, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    long healthySince = -1;
    ComponentHealth last = null;
    while (System.nanoTime() < end) {
      last = adapter.health(runtime);
      if (runtime.isRunning() && last.getHealthy()) {
        if (healthySince < 0) {
          healthySince = System.nanoTime();
        } else if (System.nanoTime() - healthySince >= settle.toNanos()) {
          return null;
        }
      } else {
        healthySince = -1;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    String why = last == null || last.getLastError().isEmpty() ? "no verdict" : last.getLastError();
    return "agent not healthy within " + timeout.toSeconds() + " s: " + why;
  }
}

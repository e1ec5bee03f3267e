package dev.flotilla.supervisor.agent;

import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.util.concurrent.TimeUnit;

/** The part of an agent's health that comes from its process, the same for every agent type. */
public final class RuntimeHealth {
  private RuntimeHealth() {}

  /** The top of the health tree with the process start time (0 when it never started). */
  public static ComponentHealth.Builder top(AgentRuntime runtime) {
    long start =
        runtime
            .startTime()
            .map(t -> TimeUnit.SECONDS.toNanos(t.getEpochSecond()) + t.getNano())
            .orElse(0L);
    return ComponentHealth.newBuilder().setStartTimeUnixNano(start);
  }

  /** The whole answer for an agent whose process is not running: unhealthy, with the exit code. */
  public static ComponentHealth notRunning(AgentRuntime runtime, ComponentHealth.Builder top) {
    String exit =
        runtime.lastExitCode().isPresent()
            ? "agent exited with status " + runtime.lastExitCode().getAsInt()
            : "agent is not running";
    return top.setHealthy(false).setStatus("not running").setLastError(exit).build();
  }
}

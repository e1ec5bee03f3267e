package dev.flotilla.supervisor.process;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * How the supervisor runs or reaches the agent process: {@link LaunchedAgent} owns it (supervisor
 * mode); the observer finds one that something else started. Methods may block for the length of a
 * start or stop and are called from one thread at a time.
 */
public interface AgentRuntime extends AutoCloseable {

  /** Launches the agent, or finds it. Failing to find it is not an error; it is retried. */
  void start() throws java.io.IOException;

  /** Restarts the agent: a new process afterwards, with a new start time. */
  void restart(String reason) throws java.io.IOException;

  /** Stops the agent; in observer mode this only detaches. */
  void stop();

  boolean isRunning();

  OptionalLong pid();

  /** When the current agent process started, or empty when none runs. */
  Optional<Instant> startTime();

  /** Exit status of the last process that ended, when known. */
  OptionalInt lastExitCode();

  /** The captured agent output, when this runtime captures it. */
  Optional<CappedLog> log();

  @Override
  default void close() {
    stop();
  }
}

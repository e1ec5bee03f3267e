package dev.flotilla.supervisor.process;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Supervisor mode: the supervisor launches the agent and owns it. A crash (any exit the supervisor
 * did not ask for) is followed by a restart after an exponential backoff; the backoff resets once
 * the agent has stayed up for {@code stableAfter}. Methods are synchronized; exits are noticed on
 * the JDK's process-reaper thread.
 */
public final class LaunchedAgent implements AgentRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(LaunchedAgent.class);
  private final ProcessCommander commander;
  private final Backoff backoff;
  private final Duration stopDeadline;
  private final Duration stableAfter;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Runnable onChange;
  private long generation;
  private boolean stopped = true;
  private Instant startedAt;
  private Integer lastExit;
  private ScheduledFuture<?> pendingRestart;

  /**
   * @param onChange called (on any thread) after the agent started or ended, so health is
   *     re-reported promptly
   */
  public LaunchedAgent(
      ProcessCommander commander,
      Backoff backoff,
      Duration stopDeadline,
      Duration stableAfter,
      Clock clock,
      ScheduledExecutorService scheduler,
      Runnable onChange) {
    this.commander = commander;
    this.backoff = backoff;
    this.stopDeadline = stopDeadline;
    this.stableAfter = stableAfter;
    this.clock = clock;
    this.scheduler = scheduler;
    this.onChange = onChange;
  }

  @Override
  public synchronized void start() throws IOException {
    stopped = false;
    cancelPendingRestart();
    if (isRunning()) {
      return;
    }
    Process process;
    try {
      process = commander.start();
    } catch (IOException e) {
      // Not launchable now (binary being upgraded, disk full): keep trying with backoff.
      pendingRestart =
          scheduler.schedule(
              this::restartAfterCrash, backoff.next().toMillis(), TimeUnit.MILLISECONDS);
      throw e;
    }
    long gen = ++generation;
    startedAt = clock.instant();
    process.onExit().thenAccept(p -> exited(gen, p));
    onChange.run();
  }

  private void exited(long gen, Process process) {
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      lastExit = process.exitValue();
      Instant began = startedAt;
      startedAt = null;
      if (!stopped) {
        if (began != null && Duration.between(began, clock.instant()).compareTo(stableAfter) > 0) {
          backoff.reset();
        }
        Duration delay = backoff.next();
        LOG.warn(
            "agent pid={} exited with status {}; restarting in {} ms",
            process.pid(),
            lastExit,
            delay.toMillis());
        pendingRestart =
            scheduler.schedule(this::restartAfterCrash, delay.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    onChange.run();
  }

  private void restartAfterCrash() {
    try {
      synchronized (this) {
        if (!stopped) {
          start();
        }
      }
    } catch (IOException e) {
      LOG.error("restarting agent failed, will retry: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void restart(String reason) throws IOException {
    LOG.info("restarting agent: {}", reason);
    stopProcess();
    start();
  }

  @Override
  public synchronized void stop() {
    stopped = true;
    cancelPendingRestart();
    stopProcess();
    onChange.run();
  }

  private void stopProcess() {
    generation++;
    if (commander.current().isPresent()) {
      int status = commander.stop(stopDeadline);
      if (status >= 0) {
        lastExit = status;
      }
    }
    startedAt = null;
  }

  private void cancelPendingRestart() {
    if (pendingRestart != null) {
      pendingRestart.cancel(false);
      pendingRestart = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return commander.current().map(Process::isAlive).orElse(false);
  }

  @Override
  public synchronized OptionalLong pid() {
    return isRunning()
        ? OptionalLong.of(commander.current().orElseThrow().pid())
        : OptionalLong.empty();
  }

  @Override
  public synchronized Optional<Instant> startTime() {
    return isRunning() ? Optional.ofNullable(startedAt) : Optional.empty();
  }

  @Override
  public synchronized OptionalInt lastExitCode() {
    return lastExit == null ? OptionalInt.empty() : OptionalInt.of(lastExit);
  }

  @Override
  public Optional<CappedLog> log() {
    return Optional.of(commander.log());
  }
}

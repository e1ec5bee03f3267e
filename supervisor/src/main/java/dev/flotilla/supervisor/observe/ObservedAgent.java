package dev.flotilla.supervisor.observe;

import dev.flotilla.supervisor.process.AgentRuntime;
import dev.flotilla.supervisor.process.CappedLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observer mode: the agent was started by something else (systemd, an init script, a container
 * entrypoint). The supervisor never changes how it is started and never kills it; it re-finds the
 * process whenever the one it knew is gone, and restarts it only through the {@link
 * ServiceManager}. Thread-safe.
 */
public final class ObservedAgent implements AgentRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(ObservedAgent.class);
  private final ProcessFinder finder;
  private final ServiceManager serviceManager;
  private final Duration restartTimeout;
  private ProcessHandle current;

  public ObservedAgent(
      ProcessFinder finder, ServiceManager serviceManager, Duration restartTimeout) {
    this.finder = finder;
    this.serviceManager = serviceManager;
    this.restartTimeout = restartTimeout;
  }

  private synchronized Optional<ProcessHandle> process() {
    if (current == null || !current.isAlive()) {
      ProcessHandle found = finder.find().orElse(null);
      if (found != null && (current == null || found.pid() != current.pid())) {
        LOG.info("observing agent pid={}", found.pid());
      }
      current = found;
    }
    return Optional.ofNullable(current);
  }

  @Override
  public void start() {
    if (process().isEmpty()) {
      LOG.warn("no agent process found yet; will keep looking");
    }
  }

  @Override
  public void restart(String reason) throws IOException {
    LOG.info("restarting agent through {}: {}", serviceManager.restartCommand(), reason);
    Optional<ProcessHandle> before = process();
    serviceManager.restart(restartTimeout);
    long end = System.nanoTime() + restartTimeout.toNanos();
    while (System.nanoTime() < end) {
      Optional<ProcessHandle> now;
      synchronized (this) {
        current = null;
        now = process();
      }
      if (now.isPresent() && (before.isEmpty() || !sameProcess(before.get(), now.get()))) {
        return;
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
    }
    throw new IOException(
        "no new agent process appeared within " + restartTimeout.toSeconds() + " s of the restart");
  }

  private static boolean sameProcess(ProcessHandle a, ProcessHandle b) {
    return a.pid() == b.pid()
        && a.info().startInstant().equals(b.info().startInstant())
        && b.isAlive();
  }

  @Override
  public synchronized void stop() {
    current = null;
  }

  @Override
  public boolean isRunning() {
    return process().isPresent();
  }

  @Override
  public OptionalLong pid() {
    return process().map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
  }

  @Override
  public Optional<Instant> startTime() {
    return process().flatMap(p -> p.info().startInstant());
  }

  @Override
  public OptionalInt lastExitCode() {
    return OptionalInt.empty();
  }

  @Override
  public Optional<CappedLog> log() {
    return Optional.empty();
  }
}

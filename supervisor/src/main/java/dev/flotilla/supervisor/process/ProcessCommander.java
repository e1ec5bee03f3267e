package dev.flotilla.supervisor.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one agent process at a time with its output captured into a {@link CappedLog}, and stops
 * it: SIGTERM, then SIGKILL (to the process and its descendants) after a deadline. Thread-safe.
 */
public final class ProcessCommander {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessCommander.class);
  private final LaunchSpec spec;
  private final CappedLog log;
  private Process process;

  public ProcessCommander(LaunchSpec spec, CappedLog log) {
    this.spec = spec;
    this.log = log;
  }

  public CappedLog log() {
    return log;
  }

  public synchronized Process start() throws IOException {
    if (process != null && process.isAlive()) {
      return process;
    }
    var builder = new ProcessBuilder(spec.command());
    builder.environment().putAll(spec.env());
    if (spec.workingDir() != null) {
      builder.directory(spec.workingDir().toFile());
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("starting agent " + spec.executable() + ": " + e.getMessage(), e);
    }
    process.getOutputStream().close();
    pump(process.getInputStream(), "stdout");
    pump(process.getErrorStream(), "stderr");
    LOG.info("started agent pid={} command={}", process.pid(), spec.command());
    return process;
  }

  private void pump(InputStream stream, String name) {
    Thread.ofVirtual()
        .name("agent-" + name)
        .start(
            () -> {
              try (var reader =
                  new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                  log.append(line);
                }
              } catch (IOException e) {
                // The stream closes when the process ends; nothing more to capture.
              }
            });
  }

  public synchronized Optional<Process> current() {
    return Optional.ofNullable(process);
  }

  /**
   * Sends SIGTERM and waits up to {@code deadline}; then SIGKILLs the process and its descendants.
   * Returns the exit status, or -1 when there was no process.
   */
  public int stop(Duration deadline) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null) {
      return -1;
    }
    var descendants = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("agent pid={} ignored SIGTERM for {}; sending SIGKILL", p.pid(), deadline);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return p.isAlive() ? -1 : p.exitValue();
  }
}

package dev.flotilla.supervisor.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the observed agent process: by pid file when one is configured (the file names the pid),
 * otherwise the oldest process whose full command line matches the regex (so a restart helper
 * started later does not win). Never returns the supervisor itself.
 */
public final class ProcessFinder {

  private final Pattern match;
  private final Path pidFile;

  public ProcessFinder(String match, Path pidFile) {
    this.match = match == null ? null : Pattern.compile(match);
    this.pidFile = pidFile;
  }

  public Optional<ProcessHandle> find() {
    long self = ProcessHandle.current().pid();
    if (pidFile != null) {
      Optional<ProcessHandle> byFile =
          fromPidFile().filter(p -> p.pid() != self && matches(p, true));
      if (byFile.isPresent() || match == null) {
        return byFile;
      }
    }
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != self)
        .filter(p -> matches(p, false))
        .min(Comparator.comparing(p -> p.info().startInstant().orElse(java.time.Instant.MAX)));
  }

  private boolean matches(ProcessHandle p, boolean lenient) {
    if (!p.isAlive()) {
      return false;
    }
    if (match == null) {
      return true;
    }
    Optional<String> commandLine = commandLine(p);
    return commandLine.map(c -> match.matcher(c).find()).orElse(lenient);
  }

  static Optional<String> commandLine(ProcessHandle p) {
    // Linux: read procfs directly; the JDK gives up on very long command lines (big classpaths).
    Path procfs = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    if (Files.isReadable(procfs)) {
      try {
        String raw = Files.readString(procfs, java.nio.charset.StandardCharsets.UTF_8);
        if (!raw.isEmpty()) {
          return Optional.of(raw.replace('\0', ' ').strip());
        }
      } catch (IOException e) {
        // Gone, or not ours to read; fall back to what the JDK can tell.
      }
    }
    var info = p.info();
    if (info.command().isPresent() && info.arguments().isPresent()) {
      return Optional.of(info.command().get() + " " + String.join(" ", info.arguments().get()));
    }
    return info.commandLine();
  }

  private Optional<ProcessHandle> fromPidFile() {
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}

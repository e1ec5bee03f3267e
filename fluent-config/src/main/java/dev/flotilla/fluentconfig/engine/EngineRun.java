package dev.flotilla.fluentconfig.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs an engine binary once ({@code --dry-run -c FILE}, {@code -V}, …) and collects its combined
 * output. Exit code -1 means it could not run, timed out or was interrupted; the output says which.
 */
public final class EngineRun {

  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  private EngineRun() {}

  public static Result run(Path executable, List<String> args, Duration timeout) {
    return run(executable, args, timeout, null);
  }

  /**
   * @param workDir the working directory, or null for the current one
   */
  public static Result run(Path executable, List<String> args, Duration timeout, Path workDir) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    if (workDir != null) {
      pb.directory(workDir.toFile());
    }
    return run(pb, timeout, executable.toString());
  }

  /**
   * Runs a prepared command (its directory and environment as the caller set them) with stdin
   * closed, stdout and stderr together, and a deadline.
   *
   * @param what names the program in a failure, for example its path
   */
  public static Result run(ProcessBuilder pb, Duration timeout, String what) {
    pb.redirectErrorStream(true);
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      CompletableFuture<String> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  return "";
                }
              },
              r -> Thread.ofVirtual().start(r));
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + pb.command());
      }
      String text = output.completeOnTimeout("", 2, TimeUnit.SECONDS).join();
      return new Result(p.exitValue(), text);
    } catch (IOException e) {
      return new Result(-1, "could not run " + what + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** The engine's own config check: {@code EXECUTABLE --dry-run -c FILE}. */
  public static Result dryRun(Path executable, Path mainFile, Duration timeout, Path workDir) {
    return run(executable, List.of("--dry-run", "-c", mainFile.toString()), timeout, workDir);
  }

  /** The lines that look like errors, or the last lines when none do; for error messages. */
  public static String errorText(String output) {
    List<String> lines = output.lines().toList();
    List<String> errors =
        lines.stream()
            .filter(l -> l.toLowerCase(Locale.ROOT).contains("error") || l.contains("Errno"))
            .toList();
    List<String> chosen =
        errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 5), lines.size()) : errors;
    return chosen.stream().map(String::strip).collect(Collectors.joining("\n"));
  }
}

package dev.flotilla.supervisor.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Runs an agent binary once (dry run, version) and collects its combined output. */
public final class DryRun {

  public record Result(int exitCode, String output) {}

  private DryRun() {}

  public static Result run(Path executable, List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(args);
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      var output =
          java.util.concurrent.CompletableFuture.supplyAsync(
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
        return new Result(-1, "timed out after " + timeout.toSeconds() + " s: " + command);
      }
      String text = output.completeOnTimeout("", 2, TimeUnit.SECONDS).join();
      return new Result(p.exitValue(), text);
    } catch (IOException e) {
      return new Result(-1, "could not run " + executable + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  /** The lines that look like errors, or the last lines when none do; for error messages. */
  /**
   * Validates {@code mainFile} with the agent's own {@code --dry-run -c FILE}; valid when there is
   * no executable to ask (observer mode without one).
   *
   * @param agentName how the agent is named in the reason, e.g. {@code fluent-bit}
   */
  public static Validation validate(
      Path executable, String agentName, Path mainFile, Duration timeout) {
    if (executable == null) {
      return Validation.ok();
    }
    Result result = run(executable, List.of("--dry-run", "-c", mainFile.toString()), timeout);
    return result.exitCode() == 0
        ? Validation.ok()
        : Validation.invalid(
            agentName
                + " --dry-run exited with status "
                + result.exitCode()
                + ": "
                + errorText(result.output()));
  }

  public static String errorText(String output) {
    List<String> lines = output.lines().toList();
    List<String> errors =
        lines.stream()
            .filter(l -> l.toLowerCase().contains("error") || l.contains("Errno"))
            .toList();
    List<String> chosen =
        errors.isEmpty() ? lines.subList(Math.max(0, lines.size() - 5), lines.size()) : errors;
    return chosen.stream().map(String::strip).collect(Collectors.joining("\n"));
  }
}

package dev.flotilla.supervisor.agent;

import dev.flotilla.fluentconfig.engine.EngineRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs an agent binary once (dry run, version) through {@link EngineRun}, for the adapters. */
public final class DryRun {

  private DryRun() {}

  public static EngineRun.Result run(Path executable, List<String> args, Duration timeout) {
    return EngineRun.run(executable, args, timeout);
  }

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
    EngineRun.Result result = EngineRun.dryRun(executable, mainFile, timeout, null);
    return result.ok()
        ? Validation.ok()
        : Validation.invalid(
            agentName
                + " --dry-run exited with status "
                + result.exitCode()
                + ": "
                + EngineRun.errorText(result.output()));
  }
}

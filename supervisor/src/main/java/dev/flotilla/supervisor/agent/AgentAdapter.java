package dev.flotilla.supervisor.agent;

import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.supervisor.process.AgentRuntime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the supervisor needs to know about one kind of agent (Fluent Bit, Fluentd): how to read its
 * config, health, description and effective config, how to validate a candidate config, and how to
 * reload it. Implementations read the agent's config file on every call, so they follow changes.
 * Calls may block on local HTTP for up to a few seconds.
 */
public interface AgentAdapter {

  /** The agent's main config file; every remote config file key is resolved against its folder. */
  Path configFile();

  /** Arguments for launching the agent in supervisor mode, given the operator's own arguments. */
  List<String> launchArgs(List<String> operatorArgs);

  AgentDescription description(AgentRuntime runtime);

  /**
   * The health tree, without {@code status_time_unix_nano} (the caller stamps it when the verdict
   * changes).
   */
  ComponentHealth health(AgentRuntime runtime);

  /** Every file the agent reads: the main file, includes and parsers files. */
  EffectiveConfig effectiveConfig();

  /** Runs the agent's own check ({@code --dry-run}) on a main config file at {@code mainFile}. */
  Validation validate(Path mainFile);

  /**
   * The plugins the agent binary offers, with {@code hash} set; empty when the agent cannot tell
   * (yet). Callers send the hash alone until the server asks for the full map.
   */
  default java.util.Optional<dev.flotilla.opamp.proto.AvailableComponents> availableComponents() {
    return java.util.Optional.empty();
  }

  /** Asks the running agent to reload its config from disk and verifies the result. */
  ReloadOutcome reload(AgentRuntime runtime, Duration deadline);
}

package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * How a simulated agent reacts to a remote config offer. The agent has already reported APPLYING
 * when this runs; the outcome decides whether it then reports APPLIED (and runs the returned config
 * as its effective config) or FAILED with a message.
 *
 * <p>Runs on the shared scheduler: it must not block.
 */
@FunctionalInterface
public interface RemoteConfigBehaviour {

  Outcome apply(AgentRemoteConfig offer);

  sealed interface Outcome {
    /**
     * The offer was applied; {@code effectiveConfig} is what the agent now runs.
     *
     * @param unhealthyReason non-null: the agent reports APPLIED, then turns unhealthy with this
     *     last error (an agent that runs the new config badly)
     */
    record Applied(AgentConfigMap effectiveConfig, String unhealthyReason) implements Outcome {
      public Applied(AgentConfigMap effectiveConfig) {
        this(effectiveConfig, null);
      }
    }

    record Failed(String errorMessage) implements Outcome {}

    /**
     * What a supervisor does when the new config breaks the agent: reports FAILED for the offer,
     * then APPLIED for the config it put back (the last one it had applied).
     */
    record RolledBack(String errorMessage) implements Outcome {}
  }

  /**
   * Refuses offers with a file whose body matches {@code rejectConfig}; applies the others and
   * turns unhealthy after those with a file matching {@code unhealthyAfterConfig}. Either pattern
   * may be null.
   */
  static RemoteConfigBehaviour matching(Pattern rejectConfig, Pattern unhealthyAfterConfig) {
    return offer -> {
      if (rejectConfig != null && anyFileMatches(offer.getConfig(), rejectConfig)) {
        return new Outcome.Failed("config rejected: it matches /" + rejectConfig.pattern() + "/");
      }
      if (unhealthyAfterConfig != null && anyFileMatches(offer.getConfig(), unhealthyAfterConfig)) {
        return new Outcome.Applied(
            offer.getConfig(),
            "unhealthy after applying a config matching /" + unhealthyAfterConfig.pattern() + "/");
      }
      return new Outcome.Applied(offer.getConfig());
    };
  }

  /** Like a supervisor whose agent breaks on configs matching {@code pattern}: FAILED, restored. */
  static RemoteConfigBehaviour rollBackMatching(Pattern pattern) {
    return offer ->
        anyFileMatches(offer.getConfig(), pattern)
            ? new Outcome.RolledBack(
                "agent failed on the new config (matches /" + pattern.pattern() + "/); restored")
            : new Outcome.Applied(offer.getConfig());
  }

  private static boolean anyFileMatches(AgentConfigMap config, Pattern pattern) {
    for (AgentConfigFile f : config.getConfigMapMap().values()) {
      if (pattern.matcher(f.getBody().toString(StandardCharsets.UTF_8)).find()) {
        return true;
      }
    }
    return false;
  }

  /** Applies every offer as is: the effective config becomes the offered config. */
  static RemoteConfigBehaviour applyAll() {
    return offer -> new Outcome.Applied(offer.getConfig());
  }

  /** Rejects every offer with {@code errorMessage}; the effective config stays unchanged. */
  static RemoteConfigBehaviour failAll(String errorMessage) {
    return offer -> new Outcome.Failed(errorMessage);
  }
}

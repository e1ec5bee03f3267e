package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;

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
    /** The offer was applied; {@code effectiveConfig} is what the agent now runs. */
    record Applied(AgentConfigMap effectiveConfig) implements Outcome {}

    record Failed(String errorMessage) implements Outcome {}
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

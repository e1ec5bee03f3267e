package dev.flotilla.supervisor.opamp;

import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerToAgentCommand;

/**
 * What the supervisor does with messages from the server. Called on the client's loop thread:
 * return quickly and hand long work (applying a config, restarting the agent) to another thread.
 */
public interface OpampListener {

  /** A remote config whose hash differs from the last one received. */
  default void onRemoteConfig(AgentRemoteConfig config) {}

  default void onCommand(ServerToAgentCommand command) {}

  default void onCustomMessage(CustomMessage message) {}

  /** New connection settings were tested and are now in use; persist them if wanted. */
  default void onConnectionSettingsAccepted(ConnectionSettings settings) {}

  default void onConnected() {}

  /** The server asked for the full {@code available_components} map. */
  default void onReportAvailableComponents() {}
}

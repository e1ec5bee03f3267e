package dev.flotilla.server.opamp;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.CustomMessage;

/**
 * Handles custom messages for one custom capability. Registered with {@link CustomCapabilities}
 * without touching the protocol core; the capability is then advertised to every agent.
 */
public interface CustomMessageHandler {

  /** The reverse-FQDN capability, e.g. {@code io.flotilla.chatops}. */
  String capability();

  /**
   * Called on the agent's message thread for every custom message of this capability.
   *
   * @return a reply to send in the ServerToAgent that answers this message, or null
   */
  CustomMessage onMessage(InstanceUid agent, CustomMessage message);
}

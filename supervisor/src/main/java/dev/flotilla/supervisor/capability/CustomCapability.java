package dev.flotilla.supervisor.capability;

import dev.flotilla.opamp.proto.CustomMessage;
import java.util.Optional;

/**
 * A custom capability the supervisor advertises ({@code custom_capabilities}) and handles. Handlers
 * run on the supervisor's agent-operations thread, one at a time, and may block.
 */
public interface CustomCapability {

  /** Reverse-FQDN name, e.g. {@code dev.flotilla.agent.shutdown}. */
  String name();

  /** Handles one message; the optional reply is sent back under the same capability. */
  Optional<CustomMessage> handle(CustomMessage message) throws Exception;

  static CustomMessage reply(String capability, String type, String data) {
    return CustomMessage.newBuilder()
        .setCapability(capability)
        .setType(type)
        .setData(com.google.protobuf.ByteString.copyFromUtf8(data))
        .build();
  }
}

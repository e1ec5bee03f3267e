package dev.flotilla.fleet;

/**
 * A command for one agent.
 *
 * @param type {@code restart} or {@code custom}
 * @param capability for custom: the custom capability the agent advertised
 * @param messageType for custom: the CustomMessage type
 * @param data for custom: the payload as UTF-8 text (may be empty)
 */
public record CommandRequest(String type, String capability, String messageType, String data) {
  public static CommandRequest restart() {
    return new CommandRequest("restart", null, null, null);
  }
}

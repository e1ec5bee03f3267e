package dev.flotilla.server.opamp;

import java.util.List;

/**
 * What operators can send for one custom capability, so that user interfaces can build a form per
 * command. The message's {@code data} is the JSON object of the parameter values.
 */
public record CustomCommandDeclaration(String capability, String title, List<Command> commands) {

  public CustomCommandDeclaration {
    commands = List.copyOf(commands);
  }

  /** One command: a CustomMessage {@code type} and its parameters. */
  public record Command(String messageType, String title, List<Parameter> parameters) {
    public Command {
      parameters = List.copyOf(parameters);
    }
  }

  /**
   * @param type {@code string}, {@code number}, {@code boolean} or {@code enum}
   * @param values the choices of an {@code enum}
   */
  public record Parameter(
      String name, String type, boolean required, List<String> values, String description) {
    public Parameter {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /** The commands the Flotilla supervisor offers. */
  public static List<CustomCommandDeclaration> supervisorBuiltIns() {
    return List.of(
        new CustomCommandDeclaration(
            "dev.flotilla.agent.shutdown",
            "Stop the agent",
            List.of(new Command("shutdown", "Stop the agent process", List.of()))),
        new CustomCommandDeclaration(
            "dev.flotilla.agent.reload",
            "Reload configuration",
            List.of(
                new Command("reload", "Reload the agent's configuration from disk", List.of()))),
        new CustomCommandDeclaration(
            "dev.flotilla.chatops.forward",
            "ChatOps",
            List.of(
                new Command(
                    "message",
                    "Forward a message to the agent's local ChatOps endpoint",
                    List.of(
                        new Parameter("text", "string", true, List.of(), "The message text"),
                        new Parameter(
                            "severity",
                            "enum",
                            false,
                            List.of("info", "warning", "critical"),
                            "How urgent it is"))))));
  }
}

package dev.flotilla.supervisor.agent;

/** The verdict of a config check; {@code message} holds the agent's own error text when invalid. */
public record Validation(boolean valid, String message) {

  public static Validation ok() {
    return new Validation(true, "");
  }

  public static Validation invalid(String message) {
    return new Validation(false, message);
  }
}

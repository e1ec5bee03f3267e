package dev.flotilla.fleet;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads REST request bodies; anything unreadable is the caller's mistake (BAD_REQUEST). */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * @throws FleetException BAD_REQUEST for an empty, {@code null} or unreadable body
   */
  public static <T> T read(JsonMapper json, String body, Class<T> type) {
    try {
      T value = json.readValue(body, type);
      if (value == null) {
        throw new FleetException(FleetException.Kind.BAD_REQUEST, "a JSON body is required");
      }
      return value;
    } catch (JacksonException e) {
      throw unreadable(e);
    }
  }

  /**
   * @throws FleetException BAD_REQUEST for an unreadable body
   */
  public static <T> T read(JsonMapper json, String body, TypeReference<T> type) {
    try {
      return json.readValue(body, type);
    } catch (JacksonException e) {
      throw unreadable(e);
    }
  }

  private static FleetException unreadable(JacksonException e) {
    return new FleetException(
        FleetException.Kind.BAD_REQUEST, "unreadable JSON body: " + e.getOriginalMessage());
  }
}

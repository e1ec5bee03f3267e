package dev.flotilla.fleet;

import java.util.LinkedHashMap;
import java.util.Map;

/** The text form of a selector, as the fleet filter takes it: {@code key=value,key2=value2}. */
public final class Selectors {
  private Selectors() {}

  /**
   * The pairs in order; blank text is the empty selector (every agent).
   *
   * @throws FleetException BAD_REQUEST for a part without {@code key=}
   */
  public static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new FleetException(
            FleetException.Kind.BAD_REQUEST,
            "selector: expected key=value[,key=value], got '" + part + "'");
      }
      out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    return out;
  }
}

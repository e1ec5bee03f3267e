package dev.flotilla.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A count ({@code 3}) or a percentage ({@code "10%"}) of a set of agents; JSON takes either a
 * number or a string.
 */
public record Share(int amount, boolean percent) {

  public Share {
    if (amount < 0 || (percent && amount > 100)) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST,
          "a share is a count >= 0 or a percentage 0-100%, not " + amount + (percent ? "%" : ""));
    }
  }

  public static Share count(int n) {
    return new Share(n, false);
  }

  public static Share percentOf(int p) {
    return new Share(p, true);
  }

  /**
   * @throws FleetException BAD_REQUEST for text that is neither {@code N} nor {@code N%}
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Share parse(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return count(n.intValue());
    }
    String s = value.toString().trim().toLowerCase(Locale.ROOT);
    try {
      return s.endsWith("%")
          ? percentOf(Integer.parseInt(s.substring(0, s.length() - 1).trim()))
          : count(Integer.parseInt(s));
    } catch (NumberFormatException e) {
      throw new FleetException(
          FleetException.Kind.BAD_REQUEST,
          "expected a count or a percentage like 10%, not '" + value + "'");
    }
  }

  /** Of {@code total} agents: a percentage rounds up, so any non-zero share is at least one. */
  public int of(int total) {
    if (!percent) {
      return Math.min(amount, total);
    }
    return (int) Math.min(total, Math.ceil(total * amount / 100.0));
  }

  @JsonValue
  public Object json() {
    return percent ? amount + "%" : (Object) amount;
  }

  @Override
  public String toString() {
    return percent ? amount + "%" : Integer.toString(amount);
  }
}

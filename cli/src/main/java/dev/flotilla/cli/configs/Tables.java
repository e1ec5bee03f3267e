package dev.flotilla.cli.configs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Cell text for the command tables: UTC times to the second, long text cut short. */
public final class Tables {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private Tables() {}

  public static String time(Instant t) {
    return t == null ? "-" : TIME.format(t);
  }

  public static String truncate(String s, int n) {
    if (s == null) {
      return "-";
    }
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}

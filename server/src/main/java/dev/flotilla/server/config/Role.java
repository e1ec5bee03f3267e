package dev.flotilla.server.config;

import java.util.Locale;

/** Operator roles; each includes the ones before it. */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  public boolean allows(Role needed) {
    return compareTo(needed) >= 0;
  }

  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "role must be viewer, operator or admin, not '" + text + "'", e);
    }
  }
}

package dev.flotilla.server.config;

import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.Jdbc;
import java.util.Map;
import java.util.TreeMap;

/** {@link SettingsStore} over the {@code server_settings} table. Thread-safe. */
public final class JdbcSettingsStore implements SettingsStore {

  private final Jdbc db;
  private final String description;

  public JdbcSettingsStore(Database database) {
    this.db = database.jdbc();
    this.description = database.describe();
  }

  @Override
  public Map<String, String> loadSettings() {
    return db.read(
        "reading settings from " + description,
        c -> {
          Map<String, String> out = new TreeMap<>();
          try (var ps = c.prepareStatement("SELECT name, value FROM server_settings");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return out;
        });
  }

  @Override
  public void saveSettings(Map<String, String> settings) {
    db.transaction(
        "saving settings " + settings.keySet() + " to " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO server_settings (name, value) VALUES (?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            for (var e : settings.entrySet()) {
              ps.setString(1, e.getKey());
              ps.setString(2, e.getValue());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }
}

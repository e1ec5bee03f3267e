package dev.flotilla.server.config;

import java.util.Map;

/**
 * Settings changed at run time. Throws {@link dev.flotilla.server.store.StoreException} when the
 * database fails.
 */
public interface SettingsStore {

  /** Every stored setting, by name. */
  Map<String, String> loadSettings();

  /** Stores these settings in one transaction: all or none. */
  void saveSettings(Map<String, String> settings);
}

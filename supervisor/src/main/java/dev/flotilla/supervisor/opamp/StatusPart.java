package dev.flotilla.supervisor.opamp;

/** The parts of an agent's status that are sent only when they change. */
public enum StatusPart {
  DESCRIPTION,
  HEALTH,
  EFFECTIVE_CONFIG,
  REMOTE_CONFIG_STATUS,
  CUSTOM_CAPABILITIES,
  AVAILABLE_COMPONENTS,
  CONNECTION_SETTINGS_STATUS
}

package dev.flotilla.server.config;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.ServerSettings;
import dev.flotilla.server.store.StoreException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings an admin changes while the server runs. Start-up values come from the command line and
 * config file; values stored by an earlier change win over them. Reads are lock-free.
 */
public final class RuntimeSettings {
  static final String HEARTBEAT = "heartbeat-interval";
  static final String APPROVAL = "approval-mode";
  static final String AMBER = "last-seen-amber";
  static final String RED = "last-seen-red";

  private final SettingsStore store;
  private volatile ServerSettings current;

  public RuntimeSettings(ServerConfig config, SettingsStore store) {
    this.store = store;
    Map<String, String> stored = store.loadSettings();
    long heartbeat = config.heartbeatInterval().toSeconds();
    this.current =
        new ServerSettings(
            Long.parseLong(stored.getOrDefault(HEARTBEAT, Long.toString(heartbeat))),
            stored.getOrDefault(APPROVAL, config.approvalMode()),
            Long.parseLong(stored.getOrDefault(AMBER, Long.toString(2 * heartbeat))),
            Long.parseLong(stored.getOrDefault(RED, Long.toString(4 * heartbeat))));
  }

  public ServerSettings current() {
    return current;
  }

  public Duration heartbeatInterval() {
    return Duration.ofSeconds(current.heartbeatIntervalSeconds());
  }

  public boolean manualApproval() {
    return "manual".equals(current.approvalMode());
  }

  /**
   * Validates and stores the non-null fields, then applies them.
   *
   * @throws FleetException BAD_REQUEST naming the bad field, UNAVAILABLE when the store is down
   */
  public synchronized ServerSettings update(ServerSettings changes) {
    ServerSettings c = current;
    ServerSettings next =
        new ServerSettings(
            pick(changes.heartbeatIntervalSeconds(), c.heartbeatIntervalSeconds()),
            changes.approvalMode() == null ? c.approvalMode() : changes.approvalMode(),
            pick(changes.lastSeenAmberSeconds(), c.lastSeenAmberSeconds()),
            pick(changes.lastSeenRedSeconds(), c.lastSeenRedSeconds()));
    if (next.heartbeatIntervalSeconds() < 1 || next.heartbeatIntervalSeconds() > 86_400) {
      throw bad("heartbeatIntervalSeconds: must be between 1 and 86400");
    }
    if (!"auto".equals(next.approvalMode()) && !"manual".equals(next.approvalMode())) {
      throw bad("approvalMode: must be auto or manual, not '" + next.approvalMode() + "'");
    }
    if (next.lastSeenAmberSeconds() < 1
        || next.lastSeenRedSeconds() <= next.lastSeenAmberSeconds()) {
      throw bad("lastSeenAmberSeconds / lastSeenRedSeconds: need 1 <= amber < red");
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put(HEARTBEAT, Long.toString(next.heartbeatIntervalSeconds()));
    values.put(APPROVAL, next.approvalMode());
    values.put(AMBER, Long.toString(next.lastSeenAmberSeconds()));
    values.put(RED, Long.toString(next.lastSeenRedSeconds()));
    try {
      store.saveSettings(values);
    } catch (StoreException e) {
      throw new FleetException(
          FleetException.Kind.UNAVAILABLE, "cannot save the settings: " + e.getMessage(), e);
    }
    current = next;
    return next;
  }

  private static long pick(Long change, long old) {
    return change == null ? old : change;
  }

  private static FleetException bad(String message) {
    return new FleetException(FleetException.Kind.BAD_REQUEST, message);
  }
}

package dev.flotilla.fleet;

/**
 * Settings an admin can change while the server runs. In an update, null fields stay as they are.
 *
 * @param heartbeatIntervalSeconds offered to agents that accept OpAMP connection settings
 * @param approvalMode {@code auto} (new agents are approved) or {@code manual} (new agents wait in
 *     the pending list until an operator approves them)
 * @param lastSeenAmberSeconds a connected agent silent for longer is shown amber
 * @param lastSeenRedSeconds a connected agent silent for longer is shown red
 */
public record ServerSettings(
    Long heartbeatIntervalSeconds,
    String approvalMode,
    Long lastSeenAmberSeconds,
    Long lastSeenRedSeconds) {}

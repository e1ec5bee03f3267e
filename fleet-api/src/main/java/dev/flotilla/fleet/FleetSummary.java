package dev.flotilla.fleet;

/**
 * Counts over the whole fleet, for the top of a dashboard.
 *
 * @param failedConfigs agents whose last remote config status is FAILED
 * @param pendingApproval agents waiting for an operator to approve them
 */
public record FleetSummary(
    int total,
    int connected,
    int disconnected,
    int unhealthy,
    int failedConfigs,
    int pendingApproval) {}

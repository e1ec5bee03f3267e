package dev.flotilla.fleet;

import java.time.Instant;

/**
 * A command and how far it got.
 *
 * @param status queued, sent, acknowledged or failed
 */
public record CommandView(
    long id,
    String instanceUid,
    String type,
    String capability,
    String messageType,
    String status,
    Instant createdAt,
    Instant updatedAt,
    String error) {}

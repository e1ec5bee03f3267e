package dev.flotilla.fleet;

import java.time.Instant;

/**
 * One config version an agent was given, newest first in {@code GET /api/v1/agents/{uid}/history}.
 *
 * @param rolloutId null when assigned directly
 * @param outcome {@code pending}, {@code applied}, {@code failed}, {@code replaced} (a newer one
 *     came first) or {@code timed_out}
 * @param message the agent's error message for {@code failed}
 */
public record AgentConfigHistory(
    String config,
    int version,
    String hash,
    String rolloutId,
    String assignedBy,
    Instant assignedAt,
    String outcome,
    String message,
    Instant outcomeAt) {}

package dev.flotilla.fleet;

import java.time.Instant;

/**
 * One named config and its newest version.
 *
 * @param latestVersion the highest version number (versions start at 1)
 * @param implicit true for the config the server keeps per agent for direct pushes ({@code
 *     agent-<uid>})
 */
public record ConfigSummary(
    String name,
    int latestVersion,
    String latestHash,
    Instant updatedAt,
    int versionCount,
    boolean implicit) {}

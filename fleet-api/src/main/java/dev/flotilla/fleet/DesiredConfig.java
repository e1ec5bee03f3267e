package dev.flotilla.fleet;

/**
 * A reference to the config version an agent should run. Body of {@code POST
 * /api/v1/agents/{uid}/desired-config} ({@code hash} ignored there) and part of the agent view.
 */
public record DesiredConfig(String name, int version, String hash) {}

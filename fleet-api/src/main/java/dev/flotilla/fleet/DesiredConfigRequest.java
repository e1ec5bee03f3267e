package dev.flotilla.fleet;

/** Body of {@code POST /api/v1/agents/{uid}/desired-config}. */
public record DesiredConfigRequest(String config, int version) {}

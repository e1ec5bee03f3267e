package dev.flotilla.fleet;

import java.util.Map;

/** Body of {@code PUT /api/v1/agents/{uid}/remote-config}. */
public record RemoteConfigRequest(Map<String, Agent.ConfigFile> files) {}

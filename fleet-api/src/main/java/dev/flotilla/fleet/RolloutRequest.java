package dev.flotilla.fleet;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/rollouts}.
 *
 * @param version null for the config's newest version
 * @param selector labels and attributes, the fleet filter's grammar; empty matches every agent
 */
public record RolloutRequest(
    String config, Integer version, Map<String, String> selector, RolloutStrategy strategy) {}

package dev.flotilla.fleet;

import java.util.List;

/** One page of agents; {@code total} counts every agent that matched. */
public record AgentPage(List<Agent> items, int total, int offset, int limit) {}

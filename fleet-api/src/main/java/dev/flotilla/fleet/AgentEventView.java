package dev.flotilla.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One entry of an agent's history. */
public record AgentEventView(
    long id,
    String instanceUid,
    Instant time,
    String type,
    String message,
    Map<String, String> details) {

  /** A page of history, newest first; pass {@code nextBefore} as {@code before} for older. */
  public record Page(List<AgentEventView> items, Long nextBefore) {}
}

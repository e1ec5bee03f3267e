package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;
import java.util.List;

/**
 * Agents' history. Throws {@link dev.flotilla.server.store.StoreException} when the database fails.
 */
public interface EventStore {

  /** Appends events (one transaction) and returns them with their assigned ids, in order. */
  List<AgentEvent> appendEvents(List<AgentEvent> events);

  /**
   * One page of an agent's history, newest first.
   *
   * @param beforeId only events with a smaller id; {@code Long.MAX_VALUE} for the newest
   */
  List<AgentEvent> events(InstanceUid uid, long beforeId, int limit);

  /** Deletes history older than {@code cutoff}; returns how many events went. */
  int deleteEventsBefore(Instant cutoff);
}

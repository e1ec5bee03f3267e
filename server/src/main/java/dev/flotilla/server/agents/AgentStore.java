package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Durable agent rows. The server keeps the live fleet in memory and writes here from one writer
 * thread in batches ({@link StoreWriter}). Every method is one transaction and throws {@link
 * dev.flotilla.server.store.StoreException} when the database cannot be reached or refuses the
 * write; callers keep their data and retry.
 */
public interface AgentStore {

  /** Every stored agent, for the in-memory fleet at start-up. */
  List<AgentRecord> loadAgents();

  /**
   * An approval decision stored with agent rows.
   *
   * @param state {@code pending} or {@code blocked}; null removes the decision (approved)
   */
  record Approval(InstanceUid uid, String state, Instant at) {}

  /**
   * Inserts or replaces these agents, stores these approval decisions and appends these events, in
   * one transaction: a new agent's pending mark is never stored later than its row, so no crash can
   * approve it, and an operator's change is never stored without the event that records it.
   *
   * @return the events with their assigned ids, in order
   */
  List<AgentEvent> saveAgents(
      Collection<AgentRecord> agents, Collection<Approval> approvals, List<AgentEvent> events);

  /** Inserts or replaces these agents and stores these decisions (one transaction). */
  default void saveAgents(Collection<AgentRecord> agents, Collection<Approval> approvals) {
    saveAgents(agents, approvals, List.of());
  }

  /** Inserts or replaces these agents (one transaction). */
  default void saveAgents(Collection<AgentRecord> agents) {
    saveAgents(agents, List.of(), List.of());
  }

  /** Removes the agent, its events and its commands; an approval decision stays. */
  void deleteAgent(InstanceUid uid);

  /**
   * Moves everything stored under {@code from} to {@code to} (server-assigned new uid): the row,
   * its events, commands and approval, in one transaction. Repeating it changes nothing.
   */
  void renameAgent(InstanceUid from, InstanceUid to);

  /** The database, for logs (no credentials). */
  String describe();
}

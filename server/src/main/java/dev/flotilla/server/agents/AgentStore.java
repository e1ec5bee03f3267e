package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
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

  /** Inserts or replaces these agents (one transaction). */
  void saveAgents(Collection<AgentRecord> agents);

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

package dev.flotilla.server.store;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.commands.QueuedCommand;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Durable fleet state. The server keeps the live fleet in memory and calls this from one writer
 * thread in batches; methods are safe to call from any thread but are not meant for per-message
 * use. Every method throws {@link StoreException} (unchecked) when the database cannot be reached
 * or refuses the write; callers keep their data and retry.
 */
public interface FleetStore extends AutoCloseable {

  /** Every stored agent, for the in-memory fleet at start-up. */
  List<AgentRecord> loadAgents();

  /** Inserts or replaces these agents (one transaction). */
  void saveAgents(Collection<AgentRecord> agents);

  /** Removes the agent, its events and its commands. */
  void deleteAgent(InstanceUid uid);

  /** Moves everything stored under {@code from} to {@code to} (server-assigned new uid). */
  void renameAgent(InstanceUid from, InstanceUid to);

  /** Appends events (one transaction) and returns them with their assigned ids, in order. */
  List<AgentEvent> appendEvents(List<AgentEvent> events);

  /**
   * One page of an agent's history, newest first.
   *
   * @param beforeId only events with a smaller id; {@code Long.MAX_VALUE} for the newest
   */
  List<AgentEvent> events(InstanceUid uid, long beforeId, int limit);

  /** Deletes history older than {@code cutoff}; returns how many events went. */
  int deleteEventsBefore(java.time.Instant cutoff);

  /** Stores a new command and returns it with its id. */
  QueuedCommand insertCommand(QueuedCommand command);

  void updateCommand(QueuedCommand command);

  Optional<QueuedCommand> command(long id);

  /** Commands not yet delivered ({@code queued}), oldest first, for every agent. */
  List<QueuedCommand> pendingCommands();

  /** An agent's commands, newest first. */
  List<QueuedCommand> commands(InstanceUid uid, int limit);

  /** Approval decisions ({@code pending} or {@code blocked}) by agent; absent means approved. */
  java.util.Map<InstanceUid, String> loadApprovals();

  /**
   * Records an approval decision.
   *
   * @param state {@code pending} or {@code blocked}; null removes the row (approved)
   */
  void saveApproval(InstanceUid uid, String state, java.time.Instant at);

  /** Settings changed at run time, by name. */
  java.util.Map<String, String> loadSettings();

  /** Stores these settings in one transaction: all or none. */
  void saveSettings(java.util.Map<String, String> settings);

  /** Human-readable description of the backing database, for logs (no credentials). */
  String describe();

  @Override
  void close();
}

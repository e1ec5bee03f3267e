package dev.flotilla.server.store;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.AgentStore;
import dev.flotilla.server.agents.ApprovalStore;
import dev.flotilla.server.agents.EventStore;
import dev.flotilla.server.agents.JdbcAgentStore;
import dev.flotilla.server.agents.JdbcApprovalStore;
import dev.flotilla.server.agents.JdbcEventStore;
import dev.flotilla.server.commands.CommandStore;
import dev.flotilla.server.commands.JdbcCommandStore;
import dev.flotilla.server.commands.QueuedCommand;
import dev.flotilla.server.config.JdbcSettingsStore;
import dev.flotilla.server.config.SettingsStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every feature store over one {@link Database}, as the server wires them, behind one object so
 * that tests can check what spans tables (a delete or rename of an agent) in one place.
 */
public final class FleetTables
    implements AgentStore, EventStore, ApprovalStore, CommandStore, SettingsStore, AutoCloseable {
  private final Database database;
  private final AgentStore agents;
  private final EventStore events;
  private final ApprovalStore approvals;
  private final CommandStore commands;
  private final SettingsStore settings;

  public FleetTables(Database database) {
    this.database = database;
    this.agents = new JdbcAgentStore(database);
    this.events = new JdbcEventStore(database);
    this.approvals = new JdbcApprovalStore(database);
    this.commands = new JdbcCommandStore(database);
    this.settings = new JdbcSettingsStore(database);
  }

  public static FleetTables open(String jdbcUrl, Path dataDir) {
    return new FleetTables(Database.open(jdbcUrl, dataDir));
  }

  public static FleetTables open(String jdbcUrl, Path dataDir, Database.Settings settings) {
    return new FleetTables(Database.open(jdbcUrl, dataDir, settings));
  }

  /** Runs {@code work} outside a transaction, to inspect the database. */
  public <T> T withConnection(String what, Jdbc.Work<T> work) {
    return database.jdbc().read(what, work);
  }

  @Override
  public List<AgentRecord> loadAgents() {
    return agents.loadAgents();
  }

  @Override
  public List<AgentEvent> saveAgents(
      Collection<AgentRecord> list, Collection<Approval> decisions, List<AgentEvent> recorded) {
    return agents.saveAgents(list, decisions, recorded);
  }

  @Override
  public void deleteAgent(InstanceUid uid) {
    agents.deleteAgent(uid);
  }

  @Override
  public void renameAgent(InstanceUid from, InstanceUid to) {
    agents.renameAgent(from, to);
  }

  @Override
  public String describe() {
    return database.describe();
  }

  @Override
  public List<AgentEvent> appendEvents(List<AgentEvent> list) {
    return events.appendEvents(list);
  }

  @Override
  public List<AgentEvent> events(InstanceUid uid, long beforeId, int limit) {
    return events.events(uid, beforeId, limit);
  }

  @Override
  public int deleteEventsBefore(Instant cutoff) {
    return events.deleteEventsBefore(cutoff);
  }

  @Override
  public Map<InstanceUid, String> loadApprovals() {
    return approvals.loadApprovals();
  }

  /** Stores one decision as the store writer does, with (no) agent rows. */
  public void saveApproval(InstanceUid uid, String state, Instant at) {
    agents.saveAgents(List.of(), List.of(new AgentStore.Approval(uid, state, at)));
  }

  @Override
  public QueuedCommand insertCommand(QueuedCommand command) {
    return commands.insertCommand(command);
  }

  @Override
  public void updateCommand(QueuedCommand command) {
    commands.updateCommand(command);
  }

  @Override
  public Optional<QueuedCommand> command(long id) {
    return commands.command(id);
  }

  @Override
  public List<QueuedCommand> pendingCommands() {
    return commands.pendingCommands();
  }

  @Override
  public List<QueuedCommand> commands(InstanceUid uid, int limit) {
    return commands.commands(uid, limit);
  }

  @Override
  public Map<String, String> loadSettings() {
    return settings.loadSettings();
  }

  @Override
  public void saveSettings(Map<String, String> values) {
    settings.saveSettings(values);
  }

  @Override
  public void close() {
    database.close();
  }
}

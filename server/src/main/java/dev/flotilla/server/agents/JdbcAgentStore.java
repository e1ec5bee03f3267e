package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.Jdbc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/** {@link AgentStore} over the {@code agents} table. Thread-safe. */
public final class JdbcAgentStore implements AgentStore {

  private static final String UPSERT_AGENT =
      "INSERT INTO agents ("
          + AgentRows.AGENT_COLUMNS
          + ") VALUES (?"
          + ", ?".repeat(AgentRows.AGENT_COLUMNS.split(",").length - 1)
          + ") ON CONFLICT (instance_uid) DO UPDATE SET "
          + Arrays.stream(AgentRows.AGENT_COLUMNS.split(",\\s*"))
              .skip(1) // the key
              .map(column -> column + " = excluded." + column)
              .collect(Collectors.joining(", "));

  private static final String UPSERT_APPROVAL =
      "INSERT INTO agent_approvals (instance_uid, state, updated_at) VALUES (?, ?, ?)"
          + " ON CONFLICT (instance_uid) DO UPDATE SET state = excluded.state,"
          + " updated_at = excluded.updated_at";

  /** What a delete removes; an approval decision (a block) outlives the row on purpose. */
  private static final List<String> DELETED_WITH_AGENT =
      List.of("agent_events", "agent_commands", "agents");

  /** What a rename moves to the new uid. */
  private static final List<String> RENAMED_WITH_AGENT =
      List.of("agents", "agent_events", "agent_commands", "agent_approvals");

  private final Jdbc db;
  private final String description;
  private final AgentRows rows = new AgentRows();
  private final JdbcEventStore events;

  public JdbcAgentStore(Database database) {
    this.db = database.jdbc();
    this.description = database.describe();
    this.events = new JdbcEventStore(database);
  }

  @Override
  public List<AgentRecord> loadAgents() {
    return db.read(
        "loading agents from " + description,
        c -> {
          List<AgentRecord> out = new ArrayList<>();
          try (var ps = c.prepareStatement("SELECT " + AgentRows.AGENT_COLUMNS + " FROM agents");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rows.agent(rs));
            }
          }
          return out;
        });
  }

  @Override
  public List<AgentEvent> saveAgents(
      Collection<AgentRecord> agents, Collection<Approval> approvals, List<AgentEvent> recorded) {
    if (agents.isEmpty() && approvals.isEmpty() && recorded.isEmpty()) {
      return List.of();
    }
    return db.transaction(
        "saving "
            + agents.size()
            + " agents"
            + (approvals.isEmpty() ? "" : " and " + approvals.size() + " approval decisions")
            + (recorded.isEmpty() ? "" : " with " + recorded.size() + " events")
            + " to "
            + description,
        c -> {
          if (!agents.isEmpty()) {
            try (var ps = c.prepareStatement(UPSERT_AGENT)) {
              for (AgentRecord agent : agents) {
                rows.bindAgent(ps, agent);
                ps.addBatch();
              }
              ps.executeBatch();
            }
          }
          for (Approval a : approvals) {
            if (a.state() == null) {
              Jdbc.update(
                  c, "DELETE FROM agent_approvals WHERE instance_uid = ?", a.uid().toString());
              continue;
            }
            try (var ps = c.prepareStatement(UPSERT_APPROVAL)) {
              ps.setString(1, a.uid().toString());
              ps.setString(2, a.state());
              ps.setLong(3, a.at().toEpochMilli());
              ps.executeUpdate();
            }
          }
          return events.append(c, recorded);
        });
  }

  @Override
  public void deleteAgent(InstanceUid uid) {
    db.transaction(
        "deleting agent " + uid + " from " + description,
        c -> {
          for (String table : DELETED_WITH_AGENT) {
            Jdbc.update(c, "DELETE FROM " + table + " WHERE instance_uid = ?", uid.toString());
          }
          return null;
        });
  }

  @Override
  public void renameAgent(InstanceUid from, InstanceUid to) {
    db.transaction(
        "renaming agent " + from + " to " + to + " in " + description,
        c -> {
          String f = from.toString();
          String t = to.toString();
          // Only replace a row stored under the new uid when there is one to move there, so that
          // repeating a rename (a retry after a lost commit) changes nothing.
          for (String table : List.of("agents", "agent_approvals")) {
            Jdbc.update(
                c,
                "DELETE FROM "
                    + table
                    + " WHERE instance_uid = ?"
                    + " AND EXISTS (SELECT 1 FROM "
                    + table
                    + " WHERE instance_uid = ?)",
                t,
                f);
          }
          for (String table : RENAMED_WITH_AGENT) {
            Jdbc.update(
                c, "UPDATE " + table + " SET instance_uid = ? WHERE instance_uid = ?", t, f);
          }
          return null;
        });
  }

  @Override
  public String describe() {
    return description;
  }
}

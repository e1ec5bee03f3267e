package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@link EventStore} over the {@code agent_events} table. Thread-safe. */
public final class JdbcEventStore implements EventStore {

  private final Jdbc db;
  private final String description;
  private final AgentRows rows = new AgentRows();

  public JdbcEventStore(Database database) {
    this.db = database.jdbc();
    this.description = database.describe();
  }

  @Override
  public List<AgentEvent> appendEvents(List<AgentEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    return db.transaction(
        "saving " + events.size() + " events to " + description, c -> append(c, events));
  }

  /** Appends inside the caller's transaction; returns the events with their ids. */
  List<AgentEvent> append(Connection c, List<AgentEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return List.of();
    }
    long[] ids =
        db.insertReturningIds(
            c,
            "INSERT INTO agent_events (instance_uid, occurred_at, event_type, message,"
                + " details) VALUES (?, ?, ?, ?, ?)",
            events,
            rows::bindEvent);
    List<AgentEvent> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      AgentEvent e = events.get(i);
      out.add(
          new AgentEvent(ids[i], e.instanceUid(), e.time(), e.type(), e.message(), e.details()));
    }
    return out;
  }

  @Override
  public List<AgentEvent> events(InstanceUid uid, long beforeId, int limit) {
    return db.read(
        "reading events of agent " + uid + " from " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + AgentRows.EVENT_COLUMNS
                      + " FROM agent_events WHERE instance_uid = ? AND id < ?"
                      + " ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, uid.toString());
            ps.setLong(2, beforeId);
            ps.setInt(3, limit);
            return Jdbc.list(ps, rows::event);
          }
        });
  }

  @Override
  public int deleteEventsBefore(Instant cutoff) {
    return db.transaction(
        "deleting events before " + cutoff + " from " + description,
        c -> {
          try (var ps = c.prepareStatement("DELETE FROM agent_events WHERE occurred_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }
}

package dev.flotilla.server.rollout;

import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link RolloutStore} in the fleet database (SQLite or PostgreSQL), over the shared pool. */
public final class JdbcRolloutStore implements RolloutStore {
  private static final String ROLLOUT_COLUMNS =
      "id, config, version, hash, selector, strategy, state, reason, rollback_of, created_by,"
          + " created_at, updated_at, current_batch, batch_done_at, accepted_failures";
  private static final String AGENT_COLUMNS =
      "rollout_id, instance_uid, batch, state, message, target_name, target_version, target_hash,"
          + " previous_name, previous_version, offered_at, healthy_since, updated_at";

  private final Jdbc db;
  private final JsonMapper json;

  public JdbcRolloutStore(Jdbc db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  @Override
  public List<Rollout> rollouts() {
    return db.read(
        "loading rollouts",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT " + ROLLOUT_COLUMNS + " FROM rollouts ORDER BY created_at, id")) {
            return Jdbc.list(ps, this::rollout);
          }
        });
  }

  @Override
  public List<RolloutAgent> agents(String rolloutId) {
    return db.read(
        "loading the agents of rollout " + rolloutId,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + AGENT_COLUMNS
                      + " FROM rollout_agents WHERE rollout_id = ? ORDER BY batch, instance_uid")) {
            ps.setString(1, rolloutId);
            return Jdbc.list(ps, JdbcRolloutStore::agent);
          }
        });
  }

  @Override
  public void save(Rollout r, Collection<RolloutAgent> rows) {
    db.transaction(
        "saving rollout " + r.id() + " (" + rows.size() + " agent(s))",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO rollouts ("
                      + ROLLOUT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO"
                      + " UPDATE SET state = excluded.state, reason = excluded.reason, updated_at"
                      + " = excluded.updated_at, current_batch = excluded.current_batch,"
                      + " batch_done_at = excluded.batch_done_at, accepted_failures ="
                      + " excluded.accepted_failures")) {
            ps.setString(1, r.id());
            ps.setString(2, r.config());
            ps.setInt(3, r.version());
            ps.setString(4, r.hash());
            ps.setString(5, json.writeValueAsString(r.selector()));
            ps.setString(6, json.writeValueAsString(r.strategy()));
            ps.setString(7, r.state());
            text(ps, 8, r.reason());
            text(ps, 9, r.rollbackOf());
            ps.setString(10, r.createdBy());
            ps.setLong(11, r.createdAt().toEpochMilli());
            ps.setLong(12, r.updatedAt().toEpochMilli());
            ps.setInt(13, r.currentBatch());
            time(ps, 14, r.batchDoneAt());
            ps.setInt(15, r.acceptedFailures());
            ps.executeUpdate();
          }
          if (rows.isEmpty()) {
            return null;
          }
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO rollout_agents ("
                      + AGENT_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (rollout_id,"
                      + " instance_uid) DO UPDATE SET batch = excluded.batch, state ="
                      + " excluded.state, message = excluded.message, previous_name ="
                      + " excluded.previous_name, previous_version = excluded.previous_version,"
                      + " offered_at = excluded.offered_at, healthy_since ="
                      + " excluded.healthy_since, updated_at = excluded.updated_at")) {
            for (RolloutAgent a : rows) {
              ps.setString(1, a.rolloutId());
              ps.setString(2, a.instanceUid().toString());
              ps.setInt(3, a.batch());
              ps.setString(4, a.state());
              text(ps, 5, a.message());
              ps.setString(6, a.targetName());
              ps.setInt(7, a.targetVersion());
              ps.setString(8, a.targetHash());
              text(ps, 9, a.previousName());
              if (a.previousVersion() == null) {
                ps.setNull(10, Types.INTEGER);
              } else {
                ps.setInt(10, a.previousVersion());
              }
              time(ps, 11, a.offeredAt());
              time(ps, 12, a.healthySince());
              ps.setLong(13, a.updatedAt().toEpochMilli());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  private Rollout rollout(ResultSet rs) throws SQLException {
    return new Rollout(
        rs.getString(1),
        rs.getString(2),
        rs.getInt(3),
        rs.getString(4),
        json.readValue(rs.getString(5), new TypeReference<Map<String, String>>() {}),
        json.readValue(rs.getString(6), RolloutStrategy.class),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        Instant.ofEpochMilli(rs.getLong(11)),
        Instant.ofEpochMilli(rs.getLong(12)),
        rs.getInt(13),
        time(rs, 14),
        rs.getInt(15));
  }

  private static RolloutAgent agent(ResultSet rs) throws SQLException {
    int prev = rs.getInt(10);
    Integer previousVersion = rs.wasNull() ? null : prev;
    return new RolloutAgent(
        rs.getString(1),
        InstanceUid.parse(rs.getString(2)),
        rs.getInt(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getInt(7),
        rs.getString(8),
        rs.getString(9),
        previousVersion,
        time(rs, 11),
        time(rs, 12),
        Instant.ofEpochMilli(rs.getLong(13)));
  }

  private static Instant time(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void text(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }
}

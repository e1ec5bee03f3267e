package dev.flotilla.server.configs;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.ConfigSummary;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link ConfigStore} in the fleet database (SQLite or PostgreSQL), over the shared pool. */
public final class JdbcConfigStore implements ConfigStore {
  private static final String VERSION_COLUMNS =
      "name, version, hash, files, author, message, created_at, source, lint";
  private static final String ASSIGNMENT_COLUMNS =
      "id, instance_uid, name, version, hash, rollout_id, assigned_by, assigned_at, outcome,"
          + " message, outcome_at";

  private final Jdbc db;
  private final JsonMapper json;

  public JdbcConfigStore(Jdbc db, JsonMapper json) {
    this.db = db;
    this.json = json;
  }

  @Override
  public List<ConfigSummary> configs() {
    return db.read(
        "listing configs",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT v.name, v.version, v.hash, v.created_at, n.count FROM config_versions v"
                      + " JOIN (SELECT name, MAX(version) AS latest, COUNT(*) AS count FROM"
                      + " config_versions GROUP BY name) n ON v.name = n.name AND v.version ="
                      + " n.latest ORDER BY v.name")) {
            return Jdbc.list(
                ps,
                rs ->
                    new ConfigSummary(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        rs.getInt(5),
                        rs.getString(1).startsWith(ConfigVersions.IMPLICIT_PREFIX)));
          }
        });
  }

  @Override
  public List<ConfigVersion> versions(String name) {
    return db.read(
        "listing versions of " + name,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + VERSION_COLUMNS
                      + " FROM config_versions WHERE name = ? ORDER BY version DESC")) {
            ps.setString(1, name);
            return Jdbc.list(ps, this::version);
          }
        });
  }

  @Override
  public Optional<ConfigVersion> version(String name, int version) {
    return db.read(
        "reading " + name + "@" + version,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + VERSION_COLUMNS
                      + " FROM config_versions WHERE name = ? AND version = ?")) {
            ps.setString(1, name);
            ps.setInt(2, version);
            return Jdbc.list(ps, this::version).stream().findFirst();
          }
        });
  }

  @Override
  public Optional<ConfigVersion> withHash(String name, String hash) {
    return db.read(
        "looking up " + name + " by hash",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + VERSION_COLUMNS
                      + " FROM config_versions WHERE name = ? AND hash = ? ORDER BY version")) {
            ps.setString(1, name);
            ps.setString(2, hash);
            return Jdbc.list(ps, this::version).stream().findFirst();
          }
        });
  }

  @Override
  public ConfigVersion insertNext(ConfigVersion v) {
    return db.transaction(
        "publishing a version of " + v.name(),
        c -> {
          int next;
          try (var ps =
              c.prepareStatement("SELECT MAX(version) FROM config_versions WHERE name = ?")) {
            ps.setString(1, v.name());
            try (ResultSet rs = ps.executeQuery()) {
              next = rs.next() ? rs.getInt(1) + 1 : 1;
            }
          }
          ConfigVersion stored =
              new ConfigVersion(
                  v.name(),
                  next,
                  v.hash(),
                  v.files(),
                  v.author(),
                  v.message(),
                  v.createdAt(),
                  v.source(),
                  v.lint());
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO config_versions ("
                      + VERSION_COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, stored.name());
            ps.setInt(2, next);
            ps.setString(3, stored.hash());
            ps.setString(4, json.writeValueAsString(stored.files()));
            ps.setString(5, stored.author());
            ps.setString(6, stored.message());
            ps.setLong(7, stored.createdAt().toEpochMilli());
            ps.setString(8, stored.source());
            ps.setString(9, json.writeValueAsString(stored.lint()));
            ps.executeUpdate();
          }
          return stored;
        });
  }

  @Override
  public Assignment insert(Assignment a) {
    return db.transaction(
        "recording " + a.label() + " for agent " + a.instanceUid(),
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO agent_config_history ("
                      + ASSIGNMENT_COLUMNS.substring("id, ".length())
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, a.instanceUid().toString());
            ps.setString(2, a.name());
            ps.setInt(3, a.version());
            ps.setString(4, a.hash());
            setNullable(ps, 5, a.rolloutId());
            ps.setString(6, a.assignedBy());
            ps.setLong(7, a.assignedAt().toEpochMilli());
            ps.setString(8, a.outcome());
            setNullable(ps, 9, a.message());
            setTime(ps, 10, a.outcomeAt());
            return a.withId(Jdbc.singleLong(ps));
          }
        });
  }

  @Override
  public void updateOutcome(Assignment a) {
    db.transaction(
        "recording the outcome of " + a.label() + " for agent " + a.instanceUid(),
        c -> {
          try (var ps =
              c.prepareStatement(
                  "UPDATE agent_config_history SET outcome = ?, message = ?, outcome_at = ?"
                      + " WHERE id = ?")) {
            ps.setString(1, a.outcome());
            setNullable(ps, 2, a.message());
            setTime(ps, 3, a.outcomeAt());
            ps.setLong(4, a.id());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<Assignment> latest() {
    return latestWhere("");
  }

  @Override
  public List<Assignment> latestApplied() {
    return latestWhere(" WHERE outcome = 'applied'");
  }

  private List<Assignment> latestWhere(String where) {
    return db.read(
        "loading desired configs",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + ASSIGNMENT_COLUMNS
                      + " FROM agent_config_history WHERE id IN (SELECT MAX(id) FROM"
                      + " agent_config_history"
                      + where
                      + " GROUP BY instance_uid)")) {
            return Jdbc.list(ps, JdbcConfigStore::assignment);
          }
        });
  }

  @Override
  public List<Assignment> history(InstanceUid uid, int limit) {
    return db.read(
        "reading the config history of " + uid,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + ASSIGNMENT_COLUMNS
                      + " FROM agent_config_history WHERE instance_uid = ? ORDER BY id DESC"
                      + " LIMIT ?")) {
            ps.setString(1, uid.toString());
            ps.setInt(2, limit);
            return Jdbc.list(ps, JdbcConfigStore::assignment);
          }
        });
  }

  @Override
  public void audit(Instant at, String actor, String action, String target, String detail) {
    db.transaction(
        "writing the audit event " + action,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO audit_events (at, actor, action, target, detail) VALUES (?, ?, ?,"
                      + " ?, ?)")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<AuditEvent> auditEvents(int limit) {
    return db.read(
        "reading audit events",
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT id, at, actor, action, target, detail FROM audit_events ORDER BY id"
                      + " DESC LIMIT ?")) {
            ps.setInt(1, limit);
            return Jdbc.list(
                ps,
                rs ->
                    new AuditEvent(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
          }
        });
  }

  private ConfigVersion version(ResultSet rs) throws SQLException {
    return new ConfigVersion(
        rs.getString(1),
        rs.getInt(2),
        rs.getString(3),
        json.readValue(rs.getString(4), new TypeReference<Map<String, Agent.ConfigFile>>() {}),
        rs.getString(5),
        rs.getString(6),
        Instant.ofEpochMilli(rs.getLong(7)),
        rs.getString(8),
        json.readValue(rs.getString(9), ConfigVersion.Lint.class));
  }

  private static Assignment assignment(ResultSet rs) throws SQLException {
    long outcomeAt = rs.getLong(11);
    boolean noOutcomeAt = rs.wasNull();
    return new Assignment(
        rs.getLong(1),
        InstanceUid.parse(rs.getString(2)),
        rs.getString(3),
        rs.getInt(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        Instant.ofEpochMilli(rs.getLong(8)),
        rs.getString(9),
        rs.getString(10),
        noOutcomeAt ? null : Instant.ofEpochMilli(outcomeAt));
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }

  private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, t.toEpochMilli());
    }
  }
}

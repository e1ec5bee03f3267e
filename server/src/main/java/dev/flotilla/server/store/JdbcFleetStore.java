package dev.flotilla.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.commands.QueuedCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * {@link FleetStore} over plain JDBC and a HikariCP pool, for SQLite (the embedded default) and
 * PostgreSQL. Schema changes are Flyway migrations in {@code db/migration}, applied by {@link
 * #open}. Thread-safe; every method is one transaction.
 */
public final class JdbcFleetStore implements FleetStore {

  /** The SQLite file inside the data directory. */
  public static final String SQLITE_FILE = "flotilla.db";

  /**
   * Pool and driver settings.
   *
   * @param maxPoolSize connections kept open (SQLite serializes writers anyway)
   * @param connectionTimeout how long a call waits for a connection before it fails; this bounds
   *     how long the store writer is stuck on an unreachable database
   * @param busyTimeout SQLite only: how long a write waits for another process's lock
   * @param socketTimeout PostgreSQL only: how long a statement may wait on the network
   */
  public record Settings(
      int maxPoolSize, Duration connectionTimeout, Duration busyTimeout, Duration socketTimeout) {
    public static final Settings DEFAULTS =
        new Settings(4, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));
  }

  private static final String UPSERT_AGENT =
      "INSERT INTO agents ("
          + Rows.AGENT_COLUMNS
          + ") VALUES (?"
          + ", ?".repeat(Rows.AGENT_COLUMNS.split(",").length - 1)
          + ") ON CONFLICT (instance_uid) DO UPDATE SET "
          + Arrays.stream(Rows.AGENT_COLUMNS.split(",\\s*"))
              .skip(1) // the key
              .map(column -> column + " = excluded." + column)
              .collect(Collectors.joining(", "));

  private final Jdbc db;
  private final Dialect dialect;
  private final String description;
  private final Rows rows = new Rows();

  private JdbcFleetStore(HikariDataSource pool, Dialect dialect, String description) {
    this.db = new Jdbc(pool, dialect);
    this.dialect = dialect;
    this.description = description;
  }

  /** {@link #open(String, Path, Settings)} with {@link Settings#DEFAULTS}. */
  public static JdbcFleetStore open(String jdbcUrlOrNull, Path dataDir) {
    return open(jdbcUrlOrNull, dataDir, Settings.DEFAULTS);
  }

  /**
   * Connects, migrates the schema to the newest version and returns the store.
   *
   * @param jdbcUrlOrNull {@code jdbc:postgresql://...} or {@code jdbc:sqlite:<file>}; null for the
   *     default SQLite file {@value #SQLITE_FILE} in {@code dataDir}
   * @param dataDir created when missing; only used for the default SQLite file
   * @throws IllegalArgumentException for an unsupported url
   * @throws StoreException when the database cannot be reached or migrated
   */
  public static JdbcFleetStore open(String jdbcUrlOrNull, Path dataDir, Settings settings) {
    String url = jdbcUrlOrNull;
    if (url == null || url.isBlank()) {
      Path file = dataDir.toAbsolutePath().resolve(SQLITE_FILE);
      try {
        Files.createDirectories(file.getParent());
      } catch (IOException e) {
        throw new StoreException("creating data directory " + file.getParent(), e);
      }
      url = Dialect.SQLITE.urlPrefix + file;
    }
    Dialect dialect = Dialect.of(url);
    String description = dialect.describe(url);

    HikariConfig config = new HikariConfig();
    config.setPoolName("flotilla-store");
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    config.setValidationTimeout(
        Math.min(settings.connectionTimeout().toMillis(), Duration.ofSeconds(5).toMillis()));
    dialect.configure(config, settings);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("connecting to " + description + ": " + e.getMessage(), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration")
          .placeholders(Map.of("autoId", dialect.autoIdColumn))
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("migrating the schema of " + description, e);
    }
    return new JdbcFleetStore(pool, dialect, description);
  }

  /** The pool and transactions, for the feature stores that keep their tables in this database. */
  public Jdbc jdbc() {
    return db;
  }

  @Override
  public List<AgentRecord> loadAgents() {
    return db.read(
        "loading agents from " + description,
        c -> {
          List<AgentRecord> out = new ArrayList<>();
          try (var ps = c.prepareStatement("SELECT " + Rows.AGENT_COLUMNS + " FROM agents");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rows.agent(rs));
            }
          }
          return out;
        });
  }

  @Override
  public void saveAgents(Collection<AgentRecord> agents) {
    if (agents.isEmpty()) {
      return;
    }
    db.transaction(
        "saving " + agents.size() + " agents to " + description,
        c -> {
          try (var ps = c.prepareStatement(UPSERT_AGENT)) {
            for (AgentRecord agent : agents) {
              rows.bindAgent(ps, agent);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  @Override
  public void deleteAgent(InstanceUid uid) {
    db.transaction(
        "deleting agent " + uid + " from " + description,
        c -> {
          for (String table : List.of("agent_events", "agent_commands", "agents")) {
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
          Jdbc.update(
              c,
              "DELETE FROM agents WHERE instance_uid = ?"
                  + " AND EXISTS (SELECT 1 FROM agents WHERE instance_uid = ?)",
              t,
              f);
          for (String table :
              List.of("agents", "agent_events", "agent_commands", "agent_approvals")) {
            Jdbc.update(
                c, "UPDATE " + table + " SET instance_uid = ? WHERE instance_uid = ?", t, f);
          }
          return null;
        });
  }

  @Override
  public List<AgentEvent> appendEvents(List<AgentEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    String sql =
        "INSERT INTO agent_events (instance_uid, occurred_at, event_type, message, details)"
            + " VALUES (?, ?, ?, ?, ?)";
    return db.transaction(
        "saving " + events.size() + " events to " + description,
        c -> {
          long[] ids = new long[events.size()];
          if (dialect.batchReturnsKeys) {
            try (var ps = c.prepareStatement(sql, new String[] {"id"})) {
              for (AgentEvent e : events) {
                rows.bindEvent(ps, e);
                ps.addBatch();
              }
              ps.executeBatch();
              Jdbc.readKeys(ps, ids);
            }
          } else {
            try (var ps = c.prepareStatement(sql + " RETURNING id")) {
              for (int i = 0; i < ids.length; i++) {
                rows.bindEvent(ps, events.get(i));
                ids[i] = Jdbc.singleLong(ps);
              }
            }
          }
          List<AgentEvent> out = new ArrayList<>(ids.length);
          for (int i = 0; i < ids.length; i++) {
            AgentEvent e = events.get(i);
            out.add(
                new AgentEvent(
                    ids[i], e.instanceUid(), e.time(), e.type(), e.message(), e.details()));
          }
          return out;
        });
  }

  @Override
  public List<AgentEvent> events(InstanceUid uid, long beforeId, int limit) {
    return db.read(
        "reading events of agent " + uid + " from " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + Rows.EVENT_COLUMNS
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
  public QueuedCommand insertCommand(QueuedCommand command) {
    return db.transaction(
        "saving a command for agent " + command.instanceUid() + " to " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO agent_commands (instance_uid, kind, capability, command_type, data,"
                      + " status, created_at, updated_at, error)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            rows.bindCommand(ps, command);
            return command.withId(Jdbc.singleLong(ps));
          }
        });
  }

  /** Replaces every column of the stored command; does nothing when it is gone. */
  @Override
  public void updateCommand(QueuedCommand command) {
    db.transaction(
        "updating command " + command.id() + " in " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "UPDATE agent_commands SET instance_uid = ?, kind = ?, capability = ?,"
                      + " command_type = ?, data = ?, status = ?, created_at = ?, updated_at = ?,"
                      + " error = ? WHERE id = ?")) {
            rows.bindCommand(ps, command);
            ps.setLong(10, command.id());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<QueuedCommand> command(long id) {
    return db.read(
        "reading command " + id + " from " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT " + Rows.COMMAND_COLUMNS + " FROM agent_commands WHERE id = ?")) {
            ps.setLong(1, id);
            return Jdbc.list(ps, rows::command).stream().findFirst();
          }
        });
  }

  @Override
  public List<QueuedCommand> pendingCommands() {
    return db.read(
        "reading pending commands from " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + Rows.COMMAND_COLUMNS
                      + " FROM agent_commands WHERE status = ? ORDER BY id")) {
            ps.setString(1, QueuedCommand.QUEUED);
            return Jdbc.list(ps, rows::command);
          }
        });
  }

  @Override
  public List<QueuedCommand> commands(InstanceUid uid, int limit) {
    return db.read(
        "reading commands of agent " + uid + " from " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "SELECT "
                      + Rows.COMMAND_COLUMNS
                      + " FROM agent_commands WHERE instance_uid = ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, uid.toString());
            ps.setInt(2, limit);
            return Jdbc.list(ps, rows::command);
          }
        });
  }

  /** For example {@code sqlite:/var/lib/flotilla/flotilla.db} or {@code postgresql://db/fleet}. */
  @Override
  public int deleteEventsBefore(java.time.Instant cutoff) {
    return db.transaction(
        "deleting events before " + cutoff + " from " + description,
        c -> {
          try (var ps = c.prepareStatement("DELETE FROM agent_events WHERE occurred_at < ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public java.util.Map<InstanceUid, String> loadApprovals() {
    return db.read(
        "reading approvals from " + description,
        c -> {
          java.util.Map<InstanceUid, String> out = new java.util.HashMap<>();
          try (var ps = c.prepareStatement("SELECT instance_uid, state FROM agent_approvals");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(InstanceUid.parse(rs.getString(1)), rs.getString(2));
            }
          }
          return out;
        });
  }

  @Override
  public void saveApproval(InstanceUid uid, String state, java.time.Instant at) {
    db.transaction(
        "saving approval of " + uid + " to " + description,
        c -> {
          if (state == null) {
            Jdbc.update(c, "DELETE FROM agent_approvals WHERE instance_uid = ?", uid.toString());
          } else {
            try (var ps =
                c.prepareStatement(
                    "INSERT INTO agent_approvals (instance_uid, state, updated_at) VALUES (?, ?, ?)"
                        + " ON CONFLICT (instance_uid) DO UPDATE SET state = excluded.state,"
                        + " updated_at = excluded.updated_at")) {
              ps.setString(1, uid.toString());
              ps.setString(2, state);
              ps.setLong(3, at.toEpochMilli());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public java.util.Map<String, String> loadSettings() {
    return db.read(
        "reading settings from " + description,
        c -> {
          java.util.Map<String, String> out = new java.util.TreeMap<>();
          try (var ps = c.prepareStatement("SELECT name, value FROM server_settings");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
          return out;
        });
  }

  @Override
  public void saveSettings(java.util.Map<String, String> settings) {
    db.transaction(
        "saving settings " + settings.keySet() + " to " + description,
        c -> {
          try (var ps =
              c.prepareStatement(
                  "INSERT INTO server_settings (name, value) VALUES (?, ?)"
                      + " ON CONFLICT (name) DO UPDATE SET value = excluded.value")) {
            for (var e : settings.entrySet()) {
              ps.setString(1, e.getKey());
              ps.setString(2, e.getValue());
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    db.close();
  }

  /** Runs {@code work} outside a transaction; for tests that inspect the database. */
  <T> T withConnection(String what, Jdbc.Work<T> work) {
    return db.read(what, work);
  }
}

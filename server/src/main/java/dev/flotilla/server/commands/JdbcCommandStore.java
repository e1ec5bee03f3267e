package dev.flotilla.server.commands;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link CommandStore} over the {@code agent_commands} table. Thread-safe. */
public final class JdbcCommandStore implements CommandStore {

  static final String COMMAND_COLUMNS =
      "id, instance_uid, kind, capability, command_type, data, status, created_at, updated_at,"
          + " error";

  private final Jdbc db;
  private final String description;

  public JdbcCommandStore(Database database) {
    this.db = database.jdbc();
    this.description = database.describe();
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
            bind(ps, command);
            return command.withId(Jdbc.singleLong(ps));
          }
        });
  }

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
            bind(ps, command);
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
                  "SELECT " + COMMAND_COLUMNS + " FROM agent_commands WHERE id = ?")) {
            ps.setLong(1, id);
            return Jdbc.list(ps, JdbcCommandStore::command).stream().findFirst();
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
                      + COMMAND_COLUMNS
                      + " FROM agent_commands WHERE status = ? ORDER BY id")) {
            ps.setString(1, QueuedCommand.QUEUED);
            return Jdbc.list(ps, JdbcCommandStore::command);
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
                      + COMMAND_COLUMNS
                      + " FROM agent_commands WHERE instance_uid = ? ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, uid.toString());
            ps.setInt(2, limit);
            return Jdbc.list(ps, JdbcCommandStore::command);
          }
        });
  }

  /** Binds the columns of {@link #COMMAND_COLUMNS} after {@code id}, from index 1. */
  private static void bind(PreparedStatement ps, QueuedCommand c) throws SQLException {
    ps.setString(1, c.instanceUid().toString());
    ps.setString(2, c.kind());
    ps.setString(3, c.capability());
    ps.setString(4, c.type());
    ps.setBytes(5, c.data());
    ps.setString(6, c.status());
    Jdbc.setMillis(ps, 7, c.createdAt());
    Jdbc.setMillis(ps, 8, c.updatedAt());
    ps.setString(9, c.error());
  }

  private static QueuedCommand command(ResultSet rs) throws SQLException {
    return new QueuedCommand(
        rs.getLong("id"),
        InstanceUid.parse(rs.getString("instance_uid")),
        rs.getString("kind"),
        rs.getString("capability"),
        rs.getString("command_type"),
        rs.getBytes("data"),
        rs.getString("status"),
        Jdbc.millis(rs, "created_at"),
        Jdbc.millis(rs, "updated_at"),
        rs.getString("error"));
  }
}

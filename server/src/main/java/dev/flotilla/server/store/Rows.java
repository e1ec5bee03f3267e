package dev.flotilla.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.commands.QueuedCommand;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Maps records to and from table rows. Column lists here match the statements that use them. */
final class Rows {

  static final String AGENT_COLUMNS =
      "instance_uid, sequence_num, capabilities, description, health, effective_config,"
          + " remote_config_status, custom_capabilities, available_components, labels,"
          + " remote_config, transport, remote_address, connected_since, last_seen, connected,"
          + " first_seen, version";
  static final String EVENT_COLUMNS = "id, instance_uid, occurred_at, event_type, message, details";
  static final String COMMAND_COLUMNS =
      "id, instance_uid, kind, capability, command_type, data, status, created_at, updated_at,"
          + " error";

  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final JsonMapper json = JsonMapper.builder().build();

  /** Binds the 18 {@link #AGENT_COLUMNS} in order. */
  void bindAgent(PreparedStatement ps, AgentRecord a) throws SQLException {
    ps.setString(1, a.instanceUid().toString());
    ps.setLong(2, a.sequenceNum());
    ps.setLong(3, a.capabilities());
    ps.setBytes(4, a.description().toByteArray());
    ps.setBytes(5, a.health().toByteArray());
    ps.setBytes(6, a.effectiveConfig().toByteArray());
    ps.setBytes(7, a.remoteConfigStatus().toByteArray());
    ps.setBytes(8, a.customCapabilities().toByteArray());
    ps.setBytes(9, a.availableComponents().toByteArray());
    ps.setString(10, toJson(a.labels()));
    ps.setBytes(11, a.remoteConfig().toByteArray());
    Connection c = a.connection();
    ps.setString(12, c == null ? null : c.transport());
    ps.setString(13, c == null ? null : c.remoteAddress());
    setMillis(ps, 14, c == null ? null : c.connectedSince());
    setMillis(ps, 15, c == null ? null : c.lastSeen());
    if (c == null) {
      ps.setNull(16, Types.BOOLEAN);
    } else {
      ps.setBoolean(16, c.connected());
    }
    setMillis(ps, 17, a.firstSeen());
    ps.setLong(18, a.version());
  }

  AgentRecord agent(ResultSet rs) throws SQLException {
    String uid = rs.getString("instance_uid");
    Connection connection = null;
    String transport = rs.getString("transport");
    if (transport != null) {
      connection =
          new Connection(
              transport,
              rs.getString("remote_address"),
              millis(rs, "connected_since"),
              millis(rs, "last_seen"),
              rs.getBoolean("connected"));
    }
    return new AgentRecord(
        InstanceUid.parse(uid),
        rs.getLong("sequence_num"),
        rs.getLong("capabilities"),
        parse(rs, "description", AgentDescription.parser(), uid),
        parse(rs, "health", ComponentHealth.parser(), uid),
        parse(rs, "effective_config", EffectiveConfig.parser(), uid),
        parse(rs, "remote_config_status", RemoteConfigStatus.parser(), uid),
        parse(rs, "custom_capabilities", CustomCapabilities.parser(), uid),
        parse(rs, "available_components", AvailableComponents.parser(), uid),
        fromJson(rs.getString("labels"), "labels of agent " + uid),
        parse(rs, "remote_config", AgentRemoteConfig.parser(), uid),
        connection,
        millis(rs, "first_seen"),
        rs.getLong("version"));
  }

  /** Binds the columns of {@link #EVENT_COLUMNS} after {@code id}, from index 1. */
  void bindEvent(PreparedStatement ps, AgentEvent e) throws SQLException {
    ps.setString(1, e.instanceUid().toString());
    setMillis(ps, 2, e.time());
    ps.setString(3, e.type());
    ps.setString(4, e.message());
    ps.setString(5, toJson(e.details()));
  }

  AgentEvent event(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    return new AgentEvent(
        id,
        InstanceUid.parse(rs.getString("instance_uid")),
        millis(rs, "occurred_at"),
        rs.getString("event_type"),
        rs.getString("message"),
        fromJson(rs.getString("details"), "details of event " + id));
  }

  /** Binds the columns of {@link #COMMAND_COLUMNS} after {@code id}, from index 1. */
  void bindCommand(PreparedStatement ps, QueuedCommand c) throws SQLException {
    ps.setString(1, c.instanceUid().toString());
    ps.setString(2, c.kind());
    ps.setString(3, c.capability());
    ps.setString(4, c.type());
    ps.setBytes(5, c.data());
    ps.setString(6, c.status());
    setMillis(ps, 7, c.createdAt());
    setMillis(ps, 8, c.updatedAt());
    ps.setString(9, c.error());
  }

  QueuedCommand command(ResultSet rs) throws SQLException {
    return new QueuedCommand(
        rs.getLong("id"),
        InstanceUid.parse(rs.getString("instance_uid")),
        rs.getString("kind"),
        rs.getString("capability"),
        rs.getString("command_type"),
        rs.getBytes("data"),
        rs.getString("status"),
        millis(rs, "created_at"),
        millis(rs, "updated_at"),
        rs.getString("error"));
  }

  private String toJson(Map<String, String> map) {
    // sorted, so equal maps give equal text
    return json.writeValueAsString(new TreeMap<>(map));
  }

  private Map<String, String> fromJson(String text, String what) throws SQLException {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      return json.readValue(text, STRING_MAP);
    } catch (JacksonException e) {
      throw new SQLException("stored " + what + " is not a JSON object of strings", e);
    }
  }

  private static <T extends MessageLite> T parse(
      ResultSet rs, String column, Parser<T> parser, String uid) throws SQLException {
    byte[] bytes = rs.getBytes(column);
    try {
      return parser.parseFrom(bytes == null ? new byte[0] : bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("stored " + column + " of agent " + uid + " is not valid protobuf", e);
    }
  }

  private static void setMillis(PreparedStatement ps, int index, Instant time) throws SQLException {
    if (time == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, time.toEpochMilli());
    }
  }

  private static Instant millis(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }
}

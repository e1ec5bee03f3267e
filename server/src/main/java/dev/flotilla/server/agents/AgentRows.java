package dev.flotilla.server.agents;

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
import dev.flotilla.server.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps agents and events to and from table rows. Column lists here match the statements that use
 * them.
 */
final class AgentRows {

  static final String AGENT_COLUMNS =
      "instance_uid, sequence_num, capabilities, description, health, effective_config,"
          + " remote_config_status, custom_capabilities, available_components, labels,"
          + " remote_config, transport, remote_address, connected_since, last_seen, connected,"
          + " first_seen, version";
  static final String EVENT_COLUMNS = "id, instance_uid, occurred_at, event_type, message, details";

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
    Jdbc.setMillis(ps, 14, c == null ? null : c.connectedSince());
    Jdbc.setMillis(ps, 15, c == null ? null : c.lastSeen());
    if (c == null) {
      ps.setNull(16, Types.BOOLEAN);
    } else {
      ps.setBoolean(16, c.connected());
    }
    Jdbc.setMillis(ps, 17, a.firstSeen());
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
              Jdbc.millis(rs, "connected_since"),
              Jdbc.millis(rs, "last_seen"),
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
        Jdbc.millis(rs, "first_seen"),
        rs.getLong("version"));
  }

  /** Binds the columns of {@link #EVENT_COLUMNS} after {@code id}, from index 1. */
  void bindEvent(PreparedStatement ps, AgentEvent e) throws SQLException {
    ps.setString(1, e.instanceUid().toString());
    Jdbc.setMillis(ps, 2, e.time());
    ps.setString(3, e.type());
    ps.setString(4, e.message());
    ps.setString(5, toJson(e.details()));
  }

  AgentEvent event(ResultSet rs) throws SQLException {
    long id = rs.getLong("id");
    return new AgentEvent(
        id,
        InstanceUid.parse(rs.getString("instance_uid")),
        Jdbc.millis(rs, "occurred_at"),
        rs.getString("event_type"),
        rs.getString("message"),
        fromJson(rs.getString("details"), "details of event " + id));
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
}

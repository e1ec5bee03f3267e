package dev.flotilla.server.agents;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentEventView;
import dev.flotilla.fleet.CommandView;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.KeyValue;
import dev.flotilla.server.commands.QueuedCommand;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Maps the server's records to the fleet API's JSON records. */
public final class AgentViews {
  private AgentViews() {}

  public static Agent of(AgentRecord r) {
    return of(r, "approved");
  }

  public static Agent of(
      AgentRecord r,
      String approval,
      dev.flotilla.fleet.DesiredConfig desired,
      dev.flotilla.fleet.Drift drift) {
    Agent a = of(r, approval);
    return new Agent(
        a.instanceUid(),
        a.name(),
        a.description(),
        a.capabilities(),
        a.capabilityBits(),
        a.health(),
        a.effectiveConfig(),
        a.remoteConfig(),
        a.remoteConfigStatus(),
        a.customCapabilities(),
        a.labels(),
        a.connection(),
        a.sequenceNum(),
        a.firstSeen(),
        a.approval(),
        desired,
        drift);
  }

  public static Agent of(AgentRecord r, String approval) {
    Map<String, String> identifying = attributes(r.description().getIdentifyingAttributesList());
    Map<String, String> nonIdentifying =
        attributes(r.description().getNonIdentifyingAttributesList());
    Connection c = r.connection();
    return new Agent(
        r.instanceUid().toString(),
        displayName(r),
        new Agent.Description(identifying, nonIdentifying),
        Capabilities.agentNames(r.capabilities()),
        r.capabilities(),
        r.health().getSerializedSize() == 0 ? null : health(r.health()),
        new Agent.ConfigFiles(files(r.effectiveConfig().getConfigMap())),
        r.remoteConfig().getConfigHash().isEmpty()
            ? null
            : new Agent.RemoteConfig(
                ConfigHash.hex(r.remoteConfig().getConfigHash()),
                files(r.remoteConfig().getConfig())),
        new Agent.RemoteConfigStatus(
            RemoteConfigStatusNames.of(r.remoteConfigStatus().getStatus()),
            ConfigHash.hex(r.remoteConfigStatus().getLastRemoteConfigHash()),
            r.remoteConfigStatus().getErrorMessage()),
        r.customCapabilities().getCapabilitiesList(),
        new TreeMap<>(r.labels()),
        c == null
            ? null
            : new Agent.ConnectionInfo(
                c.transport(), c.remoteAddress(), c.connectedSince(), c.lastSeen(), c.connected()),
        r.sequenceNum(),
        r.firstSeen(),
        approval);
  }

  public static AgentEventView of(AgentEvent e) {
    return new AgentEventView(
        e.id(), e.instanceUid().toString(), e.time(), e.type(), e.message(), e.details());
  }

  public static CommandView of(QueuedCommand c) {
    return new CommandView(
        c.id(),
        c.instanceUid().toString(),
        c.kind(),
        c.capability(),
        c.type(),
        c.status(),
        c.createdAt(),
        c.updatedAt(),
        c.error());
  }

  /** service.instance.id, else host.name, else service.name, else the uid. */
  public static String displayName(AgentRecord r) {
    var description = r.description();
    for (String key : List.of("service.instance.id", "host.name")) {
      String v = find(description.getIdentifyingAttributesList(), key);
      if (v == null) {
        v = find(description.getNonIdentifyingAttributesList(), key);
      }
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    String service = find(description.getIdentifyingAttributesList(), "service.name");
    return service != null ? service : r.instanceUid().toString();
  }

  private static String find(List<KeyValue> kvs, String key) {
    for (KeyValue kv : kvs) {
      if (kv.getKey().equals(key)) {
        return text(kv.getValue());
      }
    }
    return null;
  }

  static Map<String, String> attributes(List<KeyValue> kvs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : kvs) {
      out.put(kv.getKey(), text(kv.getValue()));
    }
    return out;
  }

  public static String attributeText(KeyValue kv) {
    return text(kv.getValue());
  }

  static String text(AnyValue v) {
    return switch (v.getValueCase()) {
      case STRING_VALUE -> v.getStringValue();
      case BOOL_VALUE -> Boolean.toString(v.getBoolValue());
      case INT_VALUE -> Long.toString(v.getIntValue());
      case DOUBLE_VALUE -> Double.toString(v.getDoubleValue());
      case BYTES_VALUE -> ConfigHash.hex(v.getBytesValue());
      case ARRAY_VALUE ->
          v.getArrayValue().getValuesList().stream()
              .map(AgentViews::text)
              .collect(Collectors.joining(",", "[", "]"));
      case KVLIST_VALUE ->
          v.getKvlistValue().getValuesList().stream()
              .map(kv -> kv.getKey() + "=" + text(kv.getValue()))
              .collect(Collectors.joining(",", "{", "}"));
      case VALUE_NOT_SET -> "";
    };
  }

  static Agent.Health health(ComponentHealth h) {
    Map<String, Agent.Health> components = new TreeMap<>();
    h.getComponentHealthMapMap().forEach((k, v) -> components.put(k, health(v)));
    return new Agent.Health(
        h.getHealthy(),
        h.getStatus(),
        h.getLastError(),
        h.getStartTimeUnixNano(),
        h.getStatusTimeUnixNano(),
        components);
  }

  static Map<String, Agent.ConfigFile> files(AgentConfigMap map) {
    Map<String, Agent.ConfigFile> out = new TreeMap<>();
    for (Map.Entry<String, AgentConfigFile> e : map.getConfigMapMap().entrySet()) {
      out.put(
          e.getKey(),
          new Agent.ConfigFile(
              e.getValue().getBody().toString(StandardCharsets.UTF_8),
              e.getValue().getContentType()));
    }
    return out;
  }
}

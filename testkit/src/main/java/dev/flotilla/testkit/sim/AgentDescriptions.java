package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.KeyValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link AgentDescription}s of the agent kinds Flotilla manages, and conversions. */
public final class AgentDescriptions {
  public static final String FLUENT_BIT = "io.fluentbit.fluent-bit";
  public static final String FLUENTD = "org.fluentd.fluentd";

  private AgentDescriptions() {}

  public static AgentDescription fluentBit(String version, String hostName) {
    return of(FLUENT_BIT, version, hostName);
  }

  public static AgentDescription fluentd(String version, String hostName) {
    return of(FLUENTD, version, hostName);
  }

  /** {@code service.name}/{@code service.version} identify; host and OS do not. */
  public static AgentDescription of(String serviceName, String version, String hostName) {
    Map<String, String> identifying = new LinkedHashMap<>();
    identifying.put("service.name", serviceName);
    identifying.put("service.version", version);
    Map<String, String> nonIdentifying = new LinkedHashMap<>();
    nonIdentifying.put("host.name", hostName);
    nonIdentifying.put("os.type", "linux");
    return of(identifying, nonIdentifying);
  }

  public static AgentDescription of(
      Map<String, String> identifying, Map<String, String> nonIdentifying) {
    AgentDescription.Builder b = AgentDescription.newBuilder();
    identifying.forEach((k, v) -> b.addIdentifyingAttributes(keyValue(k, v)));
    nonIdentifying.forEach((k, v) -> b.addNonIdentifyingAttributes(keyValue(k, v)));
    return b.build();
  }

  public static KeyValue keyValue(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  /** String-valued attributes as a map; other value kinds are skipped. */
  public static Map<String, String> identifying(AgentDescription description) {
    return strings(description.getIdentifyingAttributesList());
  }

  public static Map<String, String> nonIdentifying(AgentDescription description) {
    return strings(description.getNonIdentifyingAttributesList());
  }

  private static Map<String, String> strings(Iterable<KeyValue> attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (KeyValue kv : attributes) {
      if (kv.getValue().hasStringValue()) {
        out.put(kv.getKey(), kv.getValue().getStringValue());
      }
    }
    return out;
  }
}

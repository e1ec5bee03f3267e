package dev.flotilla.supervisor.agent;

import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.KeyValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Non-identifying attributes about the host, and KeyValue helpers. */
public final class HostAttributes {

  private HostAttributes() {}

  public static List<KeyValue> nonIdentifying() {
    List<KeyValue> attrs = new ArrayList<>();
    attrs.add(kv("host.name", hostName()));
    attrs.add(kv("host.arch", System.getProperty("os.arch")));
    attrs.add(kv("os.type", osType()));
    attrs.add(
        kv(
            "os.description",
            System.getProperty("os.name") + " " + System.getProperty("os.version")));
    attrs.add(kv("os.version", System.getProperty("os.version")));
    return attrs;
  }

  public static List<KeyValue> keyValues(Map<String, String> map) {
    List<KeyValue> out = new ArrayList<>();
    map.forEach((k, v) -> out.add(kv(k, v)));
    return out;
  }

  public static KeyValue kv(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value == null ? "" : value))
        .build();
  }

  static String osType() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "windows";
    }
    if (os.contains("mac")) {
      return "darwin";
    }
    return os.contains("linux") ? "linux" : os;
  }

  public static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}

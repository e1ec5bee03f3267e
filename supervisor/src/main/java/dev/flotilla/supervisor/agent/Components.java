package dev.flotilla.supervisor.agent;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AnyValue;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentDetails;
import dev.flotilla.opamp.proto.KeyValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds the OpAMP {@link AvailableComponents} an agent reports: one group per kind ({@code
 * inputs}, {@code filters}, {@code outputs}, …), one entry per plugin, with a {@code version}
 * attribute when known. The hash is SHA-256 over the sorted {@code kind/name@version} lines, so it
 * changes exactly when the set changes.
 */
public final class Components {
  private Components() {}

  /**
   * @param kinds kind to plugin name to version ("" when unknown)
   */
  public static AvailableComponents of(Map<String, ? extends Map<String, String>> kinds) {
    AvailableComponents.Builder out = AvailableComponents.newBuilder();
    MessageDigest sha = sha256();
    for (var kind : new TreeMap<>(kinds).entrySet()) {
      ComponentDetails.Builder group = ComponentDetails.newBuilder();
      SortedMap<String, String> plugins = new TreeMap<>(kind.getValue());
      for (var plugin : plugins.entrySet()) {
        ComponentDetails.Builder details = ComponentDetails.newBuilder();
        if (!plugin.getValue().isEmpty()) {
          details.addMetadata(
              KeyValue.newBuilder()
                  .setKey("version")
                  .setValue(AnyValue.newBuilder().setStringValue(plugin.getValue())));
        }
        group.putSubComponentMap(plugin.getKey(), details.build());
        String line = kind.getKey() + "/" + plugin.getKey() + "@" + plugin.getValue() + "\n";
        sha.update(line.getBytes(StandardCharsets.UTF_8));
      }
      out.putComponents(kind.getKey(), group.build());
    }
    return out.setHash(ByteString.copyFrom(sha.digest())).build();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

package dev.flotilla.supervisor.fluentbit;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AvailableComponents;
import dev.flotilla.opamp.proto.ComponentDetails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * Turns {@code /api/v1/plugins} (the plugins compiled into the binary) into {@link
 * AvailableComponents}: {@code inputs}, {@code filters}, {@code outputs}, each with one entry per
 * plugin name. The hash is SHA-256 over the sorted {@code kind/name} lines.
 */
final class FluentBitPlugins {

  private FluentBitPlugins() {}

  static AvailableComponents toAvailableComponents(JsonNode plugins) {
    var out = AvailableComponents.newBuilder();
    TreeSet<String> lines = new TreeSet<>();
    for (String kind : List.of("inputs", "filters", "outputs")) {
      var group = ComponentDetails.newBuilder();
      for (JsonNode name : plugins.path(kind)) {
        group.putSubComponentMap(name.asString(), ComponentDetails.getDefaultInstance());
        lines.add(kind + "/" + name.asString());
      }
      out.putComponents(kind, group.build());
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      lines.forEach(l -> sha.update((l + "\n").getBytes(StandardCharsets.UTF_8)));
      return out.setHash(ByteString.copyFrom(sha.digest())).build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

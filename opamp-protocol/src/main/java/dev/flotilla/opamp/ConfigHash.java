package dev.flotilla.opamp;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code config_hash} of an {@link AgentConfigMap}: SHA-256 over a canonical encoding (files in
 * key order; each as length-prefixed name, content type, role and body). The same map gives the
 * same hash on every node and across restarts, whatever the protobuf map order was.
 */
public final class ConfigHash {
  private ConfigHash() {}

  public static ByteString of(AgentConfigMap configMap) {
    MessageDigest digest = sha256();
    for (Map.Entry<String, AgentConfigFile> e :
        new TreeMap<>(configMap.getConfigMapMap()).entrySet()) {
      AgentConfigFile file = e.getValue();
      update(digest, e.getKey().getBytes(StandardCharsets.UTF_8));
      update(digest, file.getContentType().getBytes(StandardCharsets.UTF_8));
      update(digest, file.getRole().getBytes(StandardCharsets.UTF_8));
      update(digest, file.getBody().toByteArray());
    }
    return ByteString.copyFrom(digest.digest());
  }

  /** Lower-case hex, for logs and JSON. */
  public static String hex(ByteString hash) {
    StringBuilder sb = new StringBuilder(hash.size() * 2);
    for (int i = 0; i < hash.size(); i++) {
      sb.append(Character.forDigit((hash.byteAt(i) >> 4) & 0xF, 16));
      sb.append(Character.forDigit(hash.byteAt(i) & 0xF, 16));
    }
    return sb.toString();
  }

  public static ByteString fromHex(String hex) {
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits in hash '" + hex + "'");
    }
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex hash: '" + hex + "'");
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return ByteString.copyFrom(out);
  }

  private static void update(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(8).putLong(bytes.length).array());
    digest.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}

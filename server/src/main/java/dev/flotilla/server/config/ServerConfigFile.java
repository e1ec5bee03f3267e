package dev.flotilla.server.config;

import dev.flotilla.editor.EditorSettings;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads {@code flotilla server --config FILE}: YAML whose keys are the flag names without dashes in
 * front ({@code opamp-port: 4320}). Unknown keys and wrong types fail with the key's name.
 */
public final class ServerConfigFile {
  private static final Set<String> KEYS =
      Set.of(
          "bind",
          "opamp-port",
          "api-port",
          "data-dir",
          "store",
          "agent-token",
          "operator-token",
          "operator-tokens",
          "no-auth",
          "heartbeat-interval",
          "max-message-bytes",
          "max-effective-config-bytes",
          "max-connections",
          "max-requests-per-second",
          "max-requests-per-second-per-agent",
          "max-requests-per-second-per-source",
          "request-read-timeout-millis",
          "max-queued-requests",
          "flush-interval-millis",
          "approval-mode",
          "features",
          "oidc",
          "event-retention-days",
          "editor",
          "catalog",
          "rollouts",
          "mcp");
  private static final Set<String> TOKEN_KEYS = Set.of("token", "role", "name");

  private ServerConfigFile() {}

  /**
   * @throws IllegalArgumentException naming the file and the bad key
   */
  public static ServerConfig read(Path file, ServerConfig base) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(text);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(
          "config file " + file + " is not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      return base;
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("config file " + file + ": expected a mapping of keys");
    }
    ServerConfig c = base;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            file
                + ": unknown key '"
                + key
                + "' (known: "
                + String.join(", ", KEYS.stream().sorted().toList())
                + ")");
      }
      c =
          switch (key) {
            case "bind" -> c.withBindAddress(string(file, key, v));
            case "opamp-port" -> c.withOpampPort(port(file, key, v));
            case "api-port" -> c.withApiPort(port(file, key, v));
            case "data-dir" -> c.withDataDir(Path.of(string(file, key, v)));
            case "store" -> c.withStore(string(file, key, v));
            case "agent-token" -> c.withAgentToken(string(file, key, v));
            case "operator-token" -> c.withOperatorToken(string(file, key, v));
            case "operator-tokens" -> c.withOperatorTokens(tokens(file, key, v, c));
            case "no-auth" -> c.withNoAuth(bool(file, key, v));
            case "heartbeat-interval" ->
                c.withHeartbeatInterval(Duration.ofSeconds(number(file, key, v)));
            case "max-message-bytes" -> c.withMaxMessageBytes(number(file, key, v));
            case "max-effective-config-bytes" ->
                c.withMaxEffectiveConfigBytes(number(file, key, v));
            case "max-connections" -> c.withMaxConnections(positiveInt(file, key, v));
            case "max-requests-per-second" -> c.withMaxRequestsPerSecond(positiveInt(file, key, v));
            case "max-requests-per-second-per-agent" ->
                c.withMaxRequestsPerSecondPerAgent(positiveInt(file, key, v));
            case "max-requests-per-second-per-source" ->
                c.withMaxRequestsPerSecondPerSource(positiveInt(file, key, v));
            case "request-read-timeout-millis" ->
                c.withRequestReadTimeout(Duration.ofMillis(positiveInt(file, key, v)));
            case "max-queued-requests" -> c.withMaxQueuedRequests(positiveInt(file, key, v));
            case "approval-mode" -> c.withApprovalMode(string(file, key, v));
            case "features" -> features(file, key, v, c);
            case "oidc" -> c.withOidc(oidc(file, key, v));
            case "editor" -> c.withEditor(editor(file, key, v, c.editor()));
            case "catalog" -> c.withCatalog(CatalogSection.read(file, key, v, c.catalog()));
            case "rollouts" -> rollouts(file, key, v, c);
            case "mcp" -> mcp(file, key, v, c);
            case "event-retention-days" ->
                c.withEventRetention(Duration.ofDays(number(file, key, v)));
            case "flush-interval-millis" ->
                c.withFlushInterval(Duration.ofMillis(number(file, key, v)));
            default -> throw new IllegalStateException(key);
          };
    }
    return c;
  }

  private static List<ServerConfig.OperatorToken> tokens(
      Path file, String key, Object v, ServerConfig c) {
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' must be a list of {token, role, name}");
    }
    List<ServerConfig.OperatorToken> out = new ArrayList<>(c.operatorTokens());
    for (int i = 0; i < list.size(); i++) {
      String at = key + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> m)
          || !(m.get("token") instanceof String token)
          || token.isBlank()) {
        throw new IllegalArgumentException(file + ": '" + at + "' needs a 'token' string");
      }
      for (Object k : m.keySet()) {
        if (!TOKEN_KEYS.contains(String.valueOf(k))) {
          throw new IllegalArgumentException(
              file + ": '" + at + "' has an unknown key '" + k + "' (known: name, role, token)");
        }
      }
      Role role;
      try {
        role = Role.parse(String.valueOf(m.containsKey("role") ? m.get("role") : "viewer"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": '" + at + ".role': " + e.getMessage(), e);
      }
      Object name = m.get("name");
      out.add(new ServerConfig.OperatorToken(token, role, name == null ? at : name.toString()));
    }
    return out;
  }

  private static ServerConfig features(Path file, String key, Object v, ServerConfig c) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' must map feature names to URLs, e.g. editor: http://host:4330/");
    }
    for (Map.Entry<?, ?> f : m.entrySet()) {
      c =
          c.withFeature(
              String.valueOf(f.getKey()), string(file, key + "." + f.getKey(), f.getValue()));
    }
    return c;
  }

  private static final Set<String> ROLLOUT_KEYS = Set.of("tick-interval-millis");

  /** {@code rollouts: {tick-interval-millis}}: how often rollouts advance. */
  private static ServerConfig rollouts(Path file, String key, Object v, ServerConfig c) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(file + ": '" + key + "' must be a mapping");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = key + "." + e.getKey();
      if (!ROLLOUT_KEYS.contains(String.valueOf(e.getKey()))) {
        throw new IllegalArgumentException(
            file + ": unknown key '" + k + "' (known: " + String.join(", ", ROLLOUT_KEYS) + ")");
      }
      c = c.withRolloutTickInterval(Duration.ofMillis(positiveInt(file, k, e.getValue())));
    }
    return c;
  }

  /** {@code mcp: {enabled}}: the MCP endpoint at {@code /mcp} on the API listener. */
  private static ServerConfig mcp(Path file, String key, Object v, ServerConfig c) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(file + ": '" + key + "' must be a mapping");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = key + "." + e.getKey();
      if (!"enabled".equals(String.valueOf(e.getKey()))) {
        throw new IllegalArgumentException(file + ": unknown key '" + k + "' (known: enabled)");
      }
      c = c.withMcp(bool(file, k, e.getValue()));
    }
    return c;
  }

  private static final Set<String> EDITOR_KEYS =
      Set.of("enabled", "dir", "overlays", "fluent-bit-bin", "fluentd-bin", "allow-fluentd-ruby");

  /** {@code editor: {enabled, dir, overlays: [..], fluent-bit-bin, fluentd-bin}}. */
  private static EditorSettings editor(Path file, String key, Object v, EditorSettings base) {
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          file
              + ": '"
              + key
              + "' must be a mapping (enabled, dir, overlays, fluent-bit-bin,"
              + " fluentd-bin)");
    }
    for (Object k : m.keySet()) {
      if (!EDITOR_KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(file + ": unknown key '" + key + "." + k + "'");
      }
    }
    if (m.containsKey("enabled") && !bool(file, key + ".enabled", m.get("enabled"))) {
      return null;
    }
    EditorSettings e = base == null ? EditorSettings.defaults() : base;
    if (m.containsKey("dir")) {
      e = e.withFolder(Path.of(string(file, key + ".dir", m.get("dir"))));
    }
    if (m.containsKey("overlays")) {
      if (!(m.get("overlays") instanceof List<?> list)) {
        throw new IllegalArgumentException(file + ": '" + key + ".overlays' must be a list");
      }
      List<Path> dirs = new ArrayList<>();
      for (Object o : list) {
        dirs.add(Path.of(string(file, key + ".overlays", o)));
      }
      e = e.withOverlays(dirs);
    }
    if (m.containsKey("allow-fluentd-ruby")) {
      e = e.withFluentdRuby(bool(file, key + ".allow-fluentd-ruby", m.get("allow-fluentd-ruby")));
    }
    for (String engine : List.of("fluent-bit", "fluentd")) {
      if (m.containsKey(engine + "-bin")) {
        e =
            e.withBinary(
                engine, Path.of(string(file, key + "." + engine + "-bin", m.get(engine + "-bin"))));
      }
    }
    return e;
  }

  private static ServerConfig.Oidc oidc(Path file, String key, Object v) {
    if (!(v instanceof Map<?, ?> m) || !(m.get("jwks-url") instanceof String url)) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' needs 'jwks-url' (and optionally issuer, audience, role-claim)");
    }
    for (Object k : m.keySet()) {
      if (!Set.of("jwks-url", "issuer", "audience", "role-claim").contains(String.valueOf(k))) {
        throw new IllegalArgumentException(file + ": unknown key '" + key + "." + k + "'");
      }
    }
    return new ServerConfig.Oidc(
        url,
        (String) m.get("issuer"),
        (String) m.get("audience"),
        m.containsKey("role-claim") ? String.valueOf(m.get("role-claim")) : "role");
  }

  private static String string(Path file, String key, Object v) {
    if (v instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IllegalArgumentException(file + ": '" + key + "' must be a non-empty string");
  }

  private static long number(Path file, String key, Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger) {
      throw new IllegalArgumentException(file + ": '" + key + "' is too large: " + v);
    }
    if (v instanceof Number) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' must be a whole number, not '" + v + "'");
    }
    throw new IllegalArgumentException(file + ": '" + key + "' must be a number, not '" + v + "'");
  }

  private static int positiveInt(Path file, String key, Object v) {
    long n = number(file, key, v);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          file + ": '" + key + "' must be between 1 and " + Integer.MAX_VALUE + ", not " + n);
    }
    return (int) n;
  }

  private static int port(Path file, String key, Object v) {
    long p = number(file, key, v);
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(file + ": '" + key + "' must be a port (0-65535)");
    }
    return (int) p;
  }

  private static boolean bool(Path file, String key, Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(file + ": '" + key + "' must be true or false");
  }
}

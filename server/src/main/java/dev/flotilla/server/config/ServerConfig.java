package dev.flotilla.server.config;

import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.editor.EditorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything {@code flotilla server} can be told. Built from defaults, then a YAML file, then flags
 * (later wins). Ports may be 0 (tests): the bound ports are read from the running server.
 *
 * @param bindAddress bind address of both listeners
 * @param store null for SQLite in {@code dataDir}; else a JDBC URL such as {@code
 *     jdbc:postgresql://host/db}
 * @param agentToken bearer token agents must present; null with {@code noAuth}
 * @param operatorTokens API tokens with their roles
 * @param heartbeatInterval offered to agents that accept OpAMP connection settings; also the
 *     assumed poll interval for HTTP liveness
 * @param maxMessageBytes cap on one OpAMP message after decompression
 * @param maxConnections cap on live WebSocket connections plus in-flight HTTP requests
 * @param maxRequestsPerSecond cap on OpAMP messages per second across all agents
 * @param flushInterval how often fleet state is written to the store
 * @param approvalMode {@code auto}: new agents are let in; {@code manual}: they wait for an
 *     operator
 * @param oidc JWT bearer tokens from an OpenID Connect provider; null when not used
 * @param eventRetention how long agent history is kept
 * @param features optional parts shown in the console's navigation: name to URL (a path such as
 *     {@code /editor/} when mounted in this server)
 * @param editor the config editor mounted at {@code /editor/} on the API listener; null when off
 * @param rolloutTickInterval the {@code rollouts:} section: how often rollouts advance and agents'
 *     config outcomes are recorded
 * @param catalog the config catalog mounted at {@code /catalog/} on the API listener; null when off
 * @param maxEffectiveConfigBytes the most one agent's reported effective config may hold (all its
 *     files together); a larger one is not kept, and the agent's history says why
 * @param maxRequestsPerSecondPerAgent cap on OpAMP messages per second from one instance uid
 * @param maxRequestsPerSecondPerSource cap on OpAMP messages per second from one source address
 *     (generous: many agents may sit behind one NAT)
 * @param requestReadTimeout the longest an OpAMP HTTP request may take to arrive (headers and
 *     body); a slower one is answered 408 or closed and its slot freed
 * @param maxQueuedRequests OpAMP HTTP requests that may wait for a worker; past that the answer is
 *     503 with {@code Retry-After} at once
 * @param mcp the {@code mcp:} section: serve MCP at {@code /mcp} on the API listener (off by
 *     default)
 */
public record ServerConfig(
    String bindAddress,
    int opampPort,
    int apiPort,
    Path dataDir,
    String store,
    String agentToken,
    List<OperatorToken> operatorTokens,
    boolean noAuth,
    Duration heartbeatInterval,
    long maxMessageBytes,
    int maxConnections,
    int maxRequestsPerSecond,
    Duration flushInterval,
    String approvalMode,
    Map<String, String> features,
    Oidc oidc,
    Duration eventRetention,
    EditorSettings editor,
    Duration rolloutTickInterval,
    CatalogSettings catalog,
    long maxEffectiveConfigBytes,
    int maxRequestsPerSecondPerAgent,
    int maxRequestsPerSecondPerSource,
    Duration requestReadTimeout,
    int maxQueuedRequests,
    boolean mcp) {

  /**
   * Accept JWTs signed by keys from {@code jwksUrl}.
   *
   * @param issuer required {@code iss}; null accepts any
   * @param audience required in {@code aud}; null accepts any
   * @param roleClaim claim holding {@code viewer}, {@code operator} or {@code admin} (a string or a
   *     list; the highest role wins)
   */
  public record Oidc(String jwksUrl, String issuer, String audience, String roleClaim) {}

  /** An operator API token and what it may do. */
  public record OperatorToken(String token, Role role, String name) {}

  public ServerConfig {
    operatorTokens = List.copyOf(operatorTokens);
    features = Map.copyOf(features);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(
        "0.0.0.0",
        4320,
        4321,
        Path.of("data"),
        null,
        null,
        List.of(),
        false,
        Duration.ofSeconds(30),
        64L * 1024 * 1024,
        100_000,
        50_000,
        Duration.ofSeconds(1),
        "auto",
        Map.of(),
        null,
        Duration.ofDays(30),
        null,
        Duration.ofSeconds(1),
        null,
        4L * 1024 * 1024,
        10,
        1000,
        Duration.ofSeconds(10),
        2000,
        false);
  }

  /** A copy with the changes {@code edit} makes to a builder. */
  public ServerConfig with(Consumer<Builder> edit) {
    Builder b = new Builder(this);
    edit.accept(b);
    return b.build();
  }

  public ServerConfig withBindAddress(String v) {
    return with(b -> b.bindAddress = v);
  }

  public ServerConfig withOpampPort(int v) {
    return with(b -> b.opampPort = v);
  }

  public ServerConfig withApiPort(int v) {
    return with(b -> b.apiPort = v);
  }

  public ServerConfig withDataDir(Path v) {
    return with(b -> b.dataDir = v);
  }

  public ServerConfig withStore(String v) {
    return with(b -> b.store = v);
  }

  public ServerConfig withAgentToken(String v) {
    return with(b -> b.agentToken = v);
  }

  public ServerConfig withNoAuth(boolean v) {
    return with(b -> b.noAuth = v);
  }

  public ServerConfig withHeartbeatInterval(Duration v) {
    return with(b -> b.heartbeatInterval = v);
  }

  public ServerConfig withMaxMessageBytes(long v) {
    return with(b -> b.maxMessageBytes = v);
  }

  public ServerConfig withMaxConnections(int v) {
    return with(b -> b.maxConnections = v);
  }

  public ServerConfig withMaxRequestsPerSecond(int v) {
    return with(b -> b.maxRequestsPerSecond = v);
  }

  public ServerConfig withFlushInterval(Duration v) {
    return with(b -> b.flushInterval = v);
  }

  public ServerConfig withApprovalMode(String v) {
    return with(b -> b.approvalMode = v);
  }

  public ServerConfig withEventRetention(Duration v) {
    return with(b -> b.eventRetention = v);
  }

  /** Mounts the config editor (null turns it off). */
  public ServerConfig withEditor(EditorSettings v) {
    return with(b -> b.editor = v);
  }

  /** Mounts the config catalog (null turns it off). */
  public ServerConfig withCatalog(CatalogSettings v) {
    return with(b -> b.catalog = v);
  }

  public ServerConfig withMaxEffectiveConfigBytes(long v) {
    return with(b -> b.maxEffectiveConfigBytes = v);
  }

  public ServerConfig withMaxRequestsPerSecondPerAgent(int v) {
    return with(b -> b.maxRequestsPerSecondPerAgent = v);
  }

  public ServerConfig withMaxRequestsPerSecondPerSource(int v) {
    return with(b -> b.maxRequestsPerSecondPerSource = v);
  }

  public ServerConfig withRequestReadTimeout(Duration v) {
    return with(b -> b.requestReadTimeout = v);
  }

  public ServerConfig withMaxQueuedRequests(int v) {
    return with(b -> b.maxQueuedRequests = v);
  }

  /** Serves MCP at {@code /mcp} on the API listener. */
  public ServerConfig withMcp(boolean v) {
    return with(b -> b.mcp = v);
  }

  public ServerConfig withRolloutTickInterval(Duration v) {
    return with(b -> b.rolloutTickInterval = v);
  }

  public ServerConfig withOidc(Oidc v) {
    return with(b -> b.oidc = v);
  }

  public ServerConfig withOperatorTokens(List<OperatorToken> v) {
    return with(b -> b.operatorTokens = v);
  }

  /** Adds an admin token (the bootstrap {@code --operator-token}). */
  public ServerConfig withOperatorToken(String v) {
    return with(
        b ->
            b.operatorTokens =
                java.util.stream.Stream.concat(
                        operatorTokens.stream(),
                        java.util.stream.Stream.of(new OperatorToken(v, Role.ADMIN, "bootstrap")))
                    .toList());
  }

  /** Adds (or replaces) an optional feature shown in the console. */
  public ServerConfig withFeature(String name, String url) {
    return with(
        b -> {
          Map<String, String> m = new LinkedHashMap<>(features);
          m.put(name, url);
          b.features = m;
        });
  }

  /** Fails fast on settings that cannot work. */
  public ServerConfig validated() {
    if (!noAuth && (agentToken == null || agentToken.isBlank())) {
      throw new IllegalArgumentException(
          "agent-token: set --agent-token (or agent-token in the config file), or pass --no-auth"
              + " for local development");
    }
    if (!noAuth && operatorTokens.isEmpty() && oidc == null) {
      throw new IllegalArgumentException(
          "operator-token: set --operator-token (or operator-tokens in the config file), or pass"
              + " --no-auth for local development");
    }
    if (operatorTokens.stream().anyMatch(t -> t.token() == null || t.token().isBlank())) {
      throw new IllegalArgumentException("operator-token: a token must not be empty");
    }
    if (opampPort < 0 || opampPort > 65535 || apiPort < 0 || apiPort > 65535) {
      throw new IllegalArgumentException(
          "opamp-port / api-port: must be 0-65535, not " + opampPort + " / " + apiPort);
    }
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException("heartbeat-interval: must be positive");
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flush-interval-millis: must be positive");
    }
    if (maxEffectiveConfigBytes < 1024) {
      throw new IllegalArgumentException("max-effective-config-bytes: must be at least 1024");
    }
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("max-message-bytes: must be at least 1024");
    }
    if (!"auto".equals(approvalMode) && !"manual".equals(approvalMode)) {
      throw new IllegalArgumentException(
          "approval-mode: must be auto or manual, not '" + approvalMode + "'");
    }
    if (rolloutTickInterval == null
        || rolloutTickInterval.isNegative()
        || rolloutTickInterval.isZero()) {
      throw new IllegalArgumentException("rollouts.tick-interval-millis: must be positive");
    }
    if (maxConnections < 1 || maxRequestsPerSecond < 1) {
      throw new IllegalArgumentException("max-connections / max-requests-per-second: must be >= 1");
    }
    if (maxRequestsPerSecondPerAgent < 1 || maxRequestsPerSecondPerSource < 1) {
      throw new IllegalArgumentException(
          "max-requests-per-second-per-agent / max-requests-per-second-per-source: must be >= 1");
    }
    if (requestReadTimeout == null
        || requestReadTimeout.isNegative()
        || requestReadTimeout.isZero()) {
      throw new IllegalArgumentException("request-read-timeout-millis: must be positive");
    }
    if (maxQueuedRequests < 0) {
      throw new IllegalArgumentException("max-queued-requests: must be >= 0");
    }
    return this;
  }

  /** Mutable copy used by {@link #with}. */
  public static final class Builder {
    public String bindAddress;
    public int opampPort;
    public int apiPort;
    public Path dataDir;
    public String store;
    public String agentToken;
    public List<OperatorToken> operatorTokens;
    public boolean noAuth;
    public Duration heartbeatInterval;
    public long maxMessageBytes;
    public int maxConnections;
    public int maxRequestsPerSecond;
    public Duration flushInterval;
    public String approvalMode;
    public Map<String, String> features;
    public Oidc oidc;
    public Duration eventRetention;
    public EditorSettings editor;
    public Duration rolloutTickInterval;
    public CatalogSettings catalog;
    public long maxEffectiveConfigBytes;
    public int maxRequestsPerSecondPerAgent;
    public int maxRequestsPerSecondPerSource;
    public Duration requestReadTimeout;
    public int maxQueuedRequests;
    public boolean mcp;

    Builder(ServerConfig c) {
      bindAddress = c.bindAddress;
      opampPort = c.opampPort;
      apiPort = c.apiPort;
      dataDir = c.dataDir;
      store = c.store;
      agentToken = c.agentToken;
      operatorTokens = c.operatorTokens;
      noAuth = c.noAuth;
      heartbeatInterval = c.heartbeatInterval;
      maxMessageBytes = c.maxMessageBytes;
      maxConnections = c.maxConnections;
      maxRequestsPerSecond = c.maxRequestsPerSecond;
      flushInterval = c.flushInterval;
      approvalMode = c.approvalMode;
      features = c.features;
      oidc = c.oidc;
      eventRetention = c.eventRetention;
      editor = c.editor;
      rolloutTickInterval = c.rolloutTickInterval;
      catalog = c.catalog;
      maxEffectiveConfigBytes = c.maxEffectiveConfigBytes;
      maxRequestsPerSecondPerAgent = c.maxRequestsPerSecondPerAgent;
      maxRequestsPerSecondPerSource = c.maxRequestsPerSecondPerSource;
      requestReadTimeout = c.requestReadTimeout;
      maxQueuedRequests = c.maxQueuedRequests;
      mcp = c.mcp;
    }

    ServerConfig build() {
      return new ServerConfig(
          bindAddress,
          opampPort,
          apiPort,
          dataDir,
          store,
          agentToken,
          operatorTokens,
          noAuth,
          heartbeatInterval,
          maxMessageBytes,
          maxConnections,
          maxRequestsPerSecond,
          flushInterval,
          approvalMode,
          features,
          oidc,
          eventRetention,
          editor,
          rolloutTickInterval,
          catalog,
          maxEffectiveConfigBytes,
          maxRequestsPerSecondPerAgent,
          maxRequestsPerSecondPerSource,
          requestReadTimeout,
          maxQueuedRequests,
          mcp);
    }
  }
}

package dev.flotilla.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything {@code flotilla server} can be told. Built from defaults, then a YAML file, then flags
 * (later wins). Ports may be 0 (tests): the bound ports are read from the running server.
 *
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
    String approvalMode) {

  /** An operator API token and what it may do. */
  public record OperatorToken(String token, Role role, String name) {}

  public ServerConfig {
    operatorTokens = List.copyOf(operatorTokens);
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
        "auto");
  }

  public ServerConfig withBindAddress(String v) {
    return new ServerConfig(
        v,
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
        approvalMode);
  }

  public ServerConfig withOpampPort(int v) {
    return new ServerConfig(
        bindAddress,
        v,
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
        approvalMode);
  }

  public ServerConfig withApiPort(int v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        v,
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
        approvalMode);
  }

  public ServerConfig withDataDir(Path v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        v,
        store,
        agentToken,
        operatorTokens,
        noAuth,
        heartbeatInterval,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withStore(String v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        dataDir,
        v,
        agentToken,
        operatorTokens,
        noAuth,
        heartbeatInterval,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withAgentToken(String v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        dataDir,
        store,
        v,
        operatorTokens,
        noAuth,
        heartbeatInterval,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  /** Adds an admin token (the bootstrap {@code --operator-token}). */
  public ServerConfig withOperatorToken(String v) {
    return withOperatorTokens(
        java.util.stream.Stream.concat(
                operatorTokens.stream(),
                java.util.stream.Stream.of(new OperatorToken(v, Role.ADMIN, "bootstrap")))
            .toList());
  }

  public ServerConfig withOperatorTokens(List<OperatorToken> v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        dataDir,
        store,
        agentToken,
        v,
        noAuth,
        heartbeatInterval,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withNoAuth(boolean v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        dataDir,
        store,
        agentToken,
        operatorTokens,
        v,
        heartbeatInterval,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withHeartbeatInterval(Duration v) {
    return new ServerConfig(
        bindAddress,
        opampPort,
        apiPort,
        dataDir,
        store,
        agentToken,
        operatorTokens,
        noAuth,
        v,
        maxMessageBytes,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withMaxMessageBytes(long v) {
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
        v,
        maxConnections,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withMaxConnections(int v) {
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
        v,
        maxRequestsPerSecond,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withMaxRequestsPerSecond(int v) {
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
        v,
        flushInterval,
        approvalMode);
  }

  public ServerConfig withFlushInterval(Duration v) {
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
        v,
        approvalMode);
  }

  public ServerConfig withApprovalMode(String v) {
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
        v);
  }

  /** Fails fast on settings that cannot work. */
  public ServerConfig validated() {
    if (!noAuth && (agentToken == null || agentToken.isBlank())) {
      throw new IllegalArgumentException(
          "agent-token: set --agent-token (or agent-token in the config file), or pass --no-auth"
              + " for local development");
    }
    if (!noAuth && operatorTokens.isEmpty()) {
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
    if (maxMessageBytes < 1024) {
      throw new IllegalArgumentException("max-message-bytes: must be at least 1024");
    }
    if (!"auto".equals(approvalMode) && !"manual".equals(approvalMode)) {
      throw new IllegalArgumentException(
          "approval-mode: must be auto or manual, not '" + approvalMode + "'");
    }
    if (maxConnections < 1 || maxRequestsPerSecond < 1) {
      throw new IllegalArgumentException("max-connections / max-requests-per-second: must be >= 1");
    }
    return this;
  }
}

package dev.flotilla.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One agent as every front end sees it (REST, CLI, console, MCP).
 *
 * @param instanceUid canonical 36-character UUID string
 * @param name a display name: {@code service.instance.id}, else {@code host.name}, else the uid
 * @param capabilities names of the AgentCapabilities bits the agent set, e.g. {@code
 *     AcceptsRemoteConfig}
 * @param health null until the agent reports health
 * @param remoteConfig null when the server has no config for this agent
 * @param connection null for an agent that never connected
 * @param approval {@code approved}, {@code pending} (waiting for an operator) or {@code blocked}
 * @param desiredConfig the config version the agent should run, null when none
 * @param drift how what it runs compares with {@code desiredConfig}
 */
public record Agent(
    String instanceUid,
    String name,
    Description description,
    List<String> capabilities,
    long capabilityBits,
    Health health,
    ConfigFiles effectiveConfig,
    RemoteConfig remoteConfig,
    RemoteConfigStatus remoteConfigStatus,
    List<String> customCapabilities,
    Map<String, String> labels,
    ConnectionInfo connection,
    long sequenceNum,
    Instant firstSeen,
    String approval,
    DesiredConfig desiredConfig,
    Drift drift) {

  public Agent(
      String instanceUid,
      String name,
      Description description,
      List<String> capabilities,
      long capabilityBits,
      Health health,
      ConfigFiles effectiveConfig,
      RemoteConfig remoteConfig,
      RemoteConfigStatus remoteConfigStatus,
      List<String> customCapabilities,
      Map<String, String> labels,
      ConnectionInfo connection,
      long sequenceNum,
      Instant firstSeen,
      String approval) {
    this(
        instanceUid,
        name,
        description,
        capabilities,
        capabilityBits,
        health,
        effectiveConfig,
        remoteConfig,
        remoteConfigStatus,
        customCapabilities,
        labels,
        connection,
        sequenceNum,
        firstSeen,
        approval,
        null,
        Drift.NONE);
  }

  /** Reported attributes, as strings (non-string attribute values are rendered as text). */
  public record Description(Map<String, String> identifying, Map<String, String> nonIdentifying) {}

  /** The ComponentHealth tree. Times are Unix nanoseconds, 0 when unknown. */
  public record Health(
      boolean healthy,
      String status,
      String lastError,
      long startTimeUnixNano,
      long statusTimeUnixNano,
      Map<String, Health> components) {}

  /** Config files by name; bodies are UTF-8 text. */
  public record ConfigFiles(Map<String, ConfigFile> files) {}

  public record ConfigFile(String body, String contentType) {}

  /** The config the server offers this agent; {@code hash} is lower-case hex SHA-256. */
  public record RemoteConfig(String hash, Map<String, ConfigFile> files) {}

  /**
   * What the agent last said about its remote config.
   *
   * @param status UNSET, APPLYING, APPLIED or FAILED
   */
  public record RemoteConfigStatus(String status, String hash, String errorMessage) {}

  /**
   * @param transport {@code websocket} or {@code http}
   */
  public record ConnectionInfo(
      String transport,
      String remoteAddress,
      Instant connectedSince,
      Instant lastSeen,
      boolean connected) {}
}

package dev.flotilla.supervisor.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's configuration, as read by {@link SupervisorConfigLoader} from one YAML file plus
 * command-line overrides. See {@code docs/supervisor.md} for every key and its default.
 */
public record SupervisorConfig(
    Server server,
    Agent agent,
    RemoteConfig remoteConfig,
    Path stateDir,
    Duration healthInterval,
    ChatOps chatOps) {

  public enum AgentType {
    FLUENT_BIT,
    FLUENTD
  }

  public enum Mode {
    SUPERVISOR,
    OBSERVER
  }

  public enum Transport {
    AUTO,
    HTTP,
    WEBSOCKET
  }

  public record Server(
      URI url,
      String token,
      Transport transport,
      Map<String, String> headers,
      Duration heartbeat,
      boolean gzip,
      Duration backoffInitial,
      Duration backoffMax) {

    /** The endpoint with its scheme matching the chosen transport. */
    public URI endpoint() {
      String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
      boolean secure = scheme.equals("https") || scheme.equals("wss");
      String wanted =
          switch (transport) {
            case AUTO -> scheme;
            case HTTP -> secure ? "https" : "http";
            case WEBSOCKET -> secure ? "wss" : "ws";
          };
      return URI.create(wanted + url.toString().substring(scheme.length()));
    }
  }

  public record Agent(
      AgentType type,
      Mode mode,
      Path executable,
      List<String> args,
      Map<String, String> env,
      Path workingDir,
      Path config,
      Path logFile,
      long logMaxBytes,
      Duration stopTimeout,
      Observe observe,
      ServiceManagerConfig serviceManager) {}

  /** Observer mode: how to find the agent; a command-line regex, a pid file, or both. */
  public record Observe(String match, Path pidFile) {}

  /** Observer mode: how to restart the agent. {@code type} is systemd, sysv, windows or command. */
  public record ServiceManagerConfig(String type, String name, List<String> command) {}

  public record RemoteConfig(
      boolean enabled,
      List<String> allow,
      boolean schemaCheck,
      Duration reloadTimeout,
      Duration healthTimeout,
      Duration settle) {}

  /** The local HTTP endpoint ChatOps messages are forwarded to; null URL disables forwarding. */
  public record ChatOps(URI forwardUrl) {}
}

package dev.flotilla.supervisor.config;

import dev.flotilla.supervisor.config.SupervisorConfig.Agent;
import dev.flotilla.supervisor.config.SupervisorConfig.AgentType;
import dev.flotilla.supervisor.config.SupervisorConfig.ChatOps;
import dev.flotilla.supervisor.config.SupervisorConfig.Mode;
import dev.flotilla.supervisor.config.SupervisorConfig.Observe;
import dev.flotilla.supervisor.config.SupervisorConfig.RemoteConfig;
import dev.flotilla.supervisor.config.SupervisorConfig.Server;
import dev.flotilla.supervisor.config.SupervisorConfig.ServiceManagerConfig;
import dev.flotilla.supervisor.config.SupervisorConfig.Transport;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the supervisor's YAML file and applies command-line overrides given as dotted keys ({@code
 * server.url}, {@code agent.observe.match}); the overrides win. Every error names its key.
 */
public final class SupervisorConfigLoader {

  private static final Set<String> SERVICE_MANAGERS =
      Set.of("systemd", "sysv", "windows", "command");
  private final YAMLMapper yaml = new YAMLMapper();

  public SupervisorConfig load(Path file, Map<String, String> overrides) {
    ObjectNode root = yaml.createObjectNode();
    if (file != null) {
      try {
        JsonNode read = yaml.readTree(Files.readString(file));
        if (read != null && read.isObject()) {
          root = (ObjectNode) read;
        } else if (read != null && !read.isMissingNode() && !read.isNull()) {
          throw new ConfigException(file.toString(), "expected a YAML mapping at the top");
        }
      } catch (java.io.IOException e) {
        throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
      } catch (JacksonException e) {
        throw new ConfigException(file.toString(), "invalid YAML: " + e.getOriginalMessage());
      }
    }
    for (var e : overrides.entrySet()) {
      put(root, e.getKey(), e.getValue());
    }
    return bind(new ConfigNode("", root));
  }

  private static void put(ObjectNode root, String dotted, String value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode next = node.path(parts[i]);
      node = next.isObject() ? (ObjectNode) next : node.putObject(parts[i]);
    }
    node.put(parts[parts.length - 1], value);
  }

  private static SupervisorConfig bind(ConfigNode root) {
    ConfigNode serverNode = root.child("server");
    Map<String, String> headers = new LinkedHashMap<>(serverNode.map("headers"));
    String token = serverNode.string("token", null);
    if (token != null && !token.isBlank()) {
      headers.put("Authorization", "Bearer " + token);
    }
    ConfigNode backoff = serverNode.child("backoff");
    var server =
        new Server(
            serverNode.uri("url"),
            token,
            serverNode.choice("transport", Transport.class, Transport.AUTO),
            headers,
            serverNode.duration("heartbeat", Duration.ofSeconds(30)),
            "gzip".equals(serverNode.string("compression", "none")),
            backoff.duration("initial", Duration.ofSeconds(1)),
            backoff.duration("max", Duration.ofSeconds(60)));
    backoff.rejectUnknownKeys();
    serverNode.rejectUnknownKeys();
    String scheme = server.url().getScheme();
    if (!List.of("http", "https", "ws", "wss").contains(scheme)) {
      throw new ConfigException(
          "server.url", "expected an http, https, ws or wss URL, got '" + server.url() + "'");
    }

    ConfigNode agentNode = root.child("agent");
    ConfigNode observeNode = agentNode.child("observe");
    Observe observe =
        new Observe(observeNode.string("match", null), observeNode.path("pid-file", null));
    observeNode.rejectUnknownKeys();
    Mode mode =
        agentNode.choice(
            "mode",
            Mode.class,
            observe.match() != null || observe.pidFile() != null ? Mode.OBSERVER : Mode.SUPERVISOR);
    boolean hasServiceManager = agentNode.has("service-manager");
    ConfigNode sm = agentNode.child("service-manager");
    AgentType type = agentNode.choice("type", AgentType.class, null);
    // Without a service-manager section: the platform's manager and the agent's usual unit name.
    String defaultName = type == AgentType.FLUENTD ? "fluentd" : "fluent-bit";
    String defaultType =
        !hasServiceManager
            ? (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win")
                ? "windows"
                : "systemd")
            : "command";
    var serviceManager =
        new ServiceManagerConfig(
            sm.string("type", defaultType),
            sm.string("name", hasServiceManager ? null : defaultName),
            sm.strings("command"));
    sm.rejectUnknownKeys();
    if (!SERVICE_MANAGERS.contains(serviceManager.type())) {
      throw new ConfigException(
          "agent.service-manager.type",
          "expected one of " + SERVICE_MANAGERS + ", got '" + serviceManager.type() + "'");
    }
    ConfigNode logNode = agentNode.child("log");
    Path stateDir = root.path("state-dir", null);
    if (stateDir == null) {
      throw new ConfigException("state-dir", "is required");
    }
    Path agentConfig = Path.of(agentNode.required("config"));
    var agent =
        new Agent(
            type,
            mode,
            agentNode.path("executable", null),
            agentNode.strings("args"),
            agentNode.map("env"),
            agentNode.path("working-dir", null),
            agentConfig,
            logNode.path("file", stateDir.resolve("agent.log")),
            logNode.size("max-size", 10L << 20),
            agentNode.duration("stop-timeout", Duration.ofSeconds(10)),
            observe,
            serviceManager);
    logNode.rejectUnknownKeys();
    agentNode.rejectUnknownKeys();
    if (agent.type() == null) {
      throw new ConfigException("agent.type", "is required (fluent-bit or fluentd)");
    }
    if (mode == Mode.SUPERVISOR && agent.executable() == null) {
      throw new ConfigException("agent.executable", "is required in supervisor mode");
    }
    if (mode == Mode.OBSERVER && observe.match() == null && observe.pidFile() == null) {
      throw new ConfigException("agent.observe", "needs match or pid-file in observer mode");
    }
    if (mode == Mode.OBSERVER
        && serviceManager.type().equals("command")
        && serviceManager.command().isEmpty()) {
      throw new ConfigException(
          "agent.service-manager.command", "is required for the command service manager");
    }
    if (mode == Mode.OBSERVER
        && !serviceManager.type().equals("command")
        && serviceManager.name() == null) {
      throw new ConfigException(
          "agent.service-manager.name", "is required for " + serviceManager.type());
    }

    ConfigNode rc = root.child("remote-config");
    var remoteConfig =
        new RemoteConfig(
            rc.bool("enabled", true),
            rc.has("allow") ? rc.strings("allow") : List.of("**"),
            rc.bool("schema-check", true),
            rc.duration("reload-timeout", Duration.ofSeconds(30)),
            rc.duration("health-timeout", Duration.ofSeconds(30)),
            rc.duration("settle", Duration.ofSeconds(2)));
    rc.rejectUnknownKeys();
    ConfigNode chat = root.child("chatops");
    String forward = chat.string("forward-url", null);
    var chatOps = new ChatOps(forward == null ? null : URI.create(forward));
    chat.rejectUnknownKeys();
    var config =
        new SupervisorConfig(
            server,
            agent,
            remoteConfig,
            stateDir,
            root.duration("health-interval", Duration.ofSeconds(2)),
            chatOps);
    root.rejectUnknownKeys();
    return config;
  }
}

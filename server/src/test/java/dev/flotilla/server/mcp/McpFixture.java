package dev.flotilla.server.mcp;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server with MCP on, four operator tokens, simulated agents and MCP clients, all closed
 * together.
 */
final class McpFixture implements AutoCloseable {
  static final String ADMIN = "admin-secret";
  static final String OPERATOR = "operator-secret";
  static final String OPERATOR_2 = "second-operator-secret";
  static final String VIEWER = "viewer-secret";
  static final String AGENT = "agent-secret";
  static final String CONF =
      """
      [SERVICE]
          flush        1

      [INPUT]
          name         dummy
          tag          app

      [OUTPUT]
          name         stdout
          match        *
      """;

  final SteppedClock clock = new SteppedClock(Instant.parse("2026-01-05T10:00:00Z"));
  final FlotillaServer server;
  private final SimEnvironment env = SimEnvironment.create(Clock.systemUTC());
  private final List<AutoCloseable> open = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  McpFixture(Path dir, boolean mcp) {
    ServerConfig c =
        ServerConfig.defaults()
            .withBindAddress("127.0.0.1")
            .withOpampPort(0)
            .withApiPort(0)
            .withDataDir(dir)
            .withFlushInterval(Duration.ofMillis(100))
            .withRolloutTickInterval(Duration.ofMillis(50))
            .withAgentToken(AGENT)
            .withOperatorTokens(
                List.of(
                    new ServerConfig.OperatorToken(ADMIN, Role.ADMIN, "admin"),
                    new ServerConfig.OperatorToken(OPERATOR, Role.OPERATOR, "olga"),
                    new ServerConfig.OperatorToken(OPERATOR_2, Role.OPERATOR, "oscar"),
                    new ServerConfig.OperatorToken(VIEWER, Role.VIEWER, "victor")))
            .withMcp(mcp);
    server = FlotillaServer.start(c, clock);
  }

  String base() {
    return "http://127.0.0.1:" + server.apiPort();
  }

  /** A Fluent Bit over WebSocket, connected, with the given server-set labels. */
  SimulatedAgent agent(String host, Map<String, String> labels) {
    InstanceUid uid = InstanceUid.newV7(Clock.systemUTC());
    AgentSettings settings =
        AgentSettings.builder(
                URI.create("ws://127.0.0.1:" + server.opampPort() + FlotillaServer.OPAMP_PATH), uid)
            .description(AgentDescriptions.fluentBit("4.0.3", host))
            .effectiveConfig(
                AgentConfigMap.newBuilder()
                    .putConfigMap(
                        "fluent-bit.conf",
                        AgentConfigFile.newBuilder()
                            .setBody(ByteString.copyFromUtf8(CONF))
                            .setContentType("text/plain")
                            .build())
                    .build())
            .heartbeatInterval(Duration.ofSeconds(1))
            .bearerToken(AGENT)
            .build();
    SimulatedAgent agent = new SimulatedAgent(settings, env);
    open.add(agent);
    try {
      agent.start().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("simulated agent did not connect", e);
    }
    if (!labels.isEmpty()) {
      var r =
          rest("PUT", "/api/v1/agents/" + uid + "/labels", json.writeValueAsString(labels), ADMIN);
      if (r.statusCode() != 200) {
        throw new AssertionError(r.body());
      }
    }
    return agent;
  }

  McpSyncClient client(String token) {
    var transport =
        HttpClientStreamableHttpTransport.builder(base())
            .endpoint(McpMount.PATH)
            .httpRequestCustomizer(
                (builder, method, uri, body, context) ->
                    builder.header("Authorization", "Bearer " + token))
            .build();
    McpSyncClient client =
        McpClient.sync(transport)
            .requestTimeout(Duration.ofSeconds(20))
            .clientInfo(new McpSchema.Implementation("test", "1"))
            .build();
    open.add(client);
    client.initialize();
    return client;
  }

  /** Publishes a version of a config through the REST API; returns its number. */
  int publish(String name, String conf) {
    String body =
        json.writeValueAsString(
            Map.of(
                "files",
                Map.of("fluent-bit.conf", Map.of("body", conf, "contentType", "text/plain")),
                "message",
                "test"));
    var r = rest("POST", "/api/v1/configs/" + name + "/versions", body, ADMIN);
    if (r.statusCode() / 100 != 2) {
      throw new AssertionError(r.body());
    }
    return json.readTree(r.body()).path("version").asInt();
  }

  JsonNode getJson(String path) {
    var r = rest("GET", path, null, ADMIN);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + ": " + r.statusCode() + " " + r.body());
    }
    return json.readTree(r.body());
  }

  HttpResponse<String> rest(String method, String path, String body, String token) {
    return send(
        method, path, body, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
  }

  HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20));
    headers.forEach(b::header);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (AutoCloseable c : open.reversed()) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing the rest matters more
      }
    }
    server.close();
    env.close();
  }

  /** A clock that moves only when told. */
  static final class SteppedClock extends Clock {
    private volatile Instant now;

    SteppedClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}

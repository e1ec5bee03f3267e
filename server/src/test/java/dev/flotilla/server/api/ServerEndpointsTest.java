package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The operator listener's non-agent endpoints: metrics, server info, health, OpenAPI. */
class ServerEndpointsTest {
  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, c -> c.withHeartbeatInterval(Duration.ofSeconds(7)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void metricsCountAgentsMessagesStoreBatchesAndHeap() {
    OpampHttp http = new OpampHttp(server.opampHttp());
    RawAgent h1 = new RawAgent(AgentsApiTest.CAPS);
    RawAgent h2 = new RawAgent(AgentsApiTest.CAPS);
    http.send(h1.full("a").setHealth(AgentsApiTest.health(false)).build());
    http.send(h1.next().build());
    http.send(h2.full("b").build());
    http.send(
        h2.next()
            .setAgentDisconnect(dev.flotilla.opamp.proto.AgentDisconnect.getDefaultInstance())
            .build());
    http.post(new byte[] {1, 2, 3}); // undecodable: counted as an error
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      RawAgent w = new RawAgent(AgentsApiTest.CAPS);
      ws.exchange(w.full("w").build());

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(value(metrics(), "flotilla_store_batch_seconds_count")).isPositive());
      String text = metrics();
      assertThat(value(text, "flotilla_agents{transport=\"http\",state=\"connected\"}"))
          .isEqualTo(1);
      assertThat(value(text, "flotilla_agents{transport=\"http\",state=\"disconnected\"}"))
          .isEqualTo(1);
      assertThat(value(text, "flotilla_agents{transport=\"websocket\",state=\"connected\"}"))
          .isEqualTo(1);
      assertThat(value(text, "flotilla_agents{transport=\"websocket\",state=\"disconnected\"}"))
          .isZero();
      assertThat(value(text, "flotilla_agents_unhealthy")).isEqualTo(1);
      assertThat(value(text, "flotilla_websocket_connections")).isEqualTo(1);
      assertThat(value(text, "flotilla_opamp_messages_total{transport=\"http\"}"))
          .isGreaterThanOrEqualTo(4);
      assertThat(value(text, "flotilla_opamp_messages_total{transport=\"websocket\"}"))
          .isEqualTo(1);
      assertThat(value(text, "flotilla_opamp_errors_total{kind=\"bad_request\"}")).isEqualTo(1);
      assertThat(value(text, "flotilla_store_up")).isEqualTo(1);
      assertThat(value(text, "flotilla_store_writer_up")).isEqualTo(1);
      assertThat(value(text, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
      assertThat(text)
          .contains("# TYPE flotilla_store_batch_seconds histogram")
          .contains("# TYPE flotilla_opamp_messages_total counter")
          .contains("# TYPE flotilla_agents gauge");
      assertHistogramIsCumulative(text);
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        value(
                            metrics(),
                            "flotilla_agents{transport=\"websocket\",state=\"disconnected\"}"))
                    .isEqualTo(1));
  }

  @Test
  void metricsNeedNoTokenAndUseThePrometheusContentType() {
    HttpResponse<String> r = server.api("GET", "/metrics", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    for (String line : r.body().split("\n")) {
      assertThat(line).matches("(# (HELP|TYPE) \\w+ .+)|(\\w+(\\{[^}]*})? -?[0-9.E+-]+)");
    }
  }

  @Test
  void serverInfo() {
    JsonNode info = server.getJson("/api/v1/server");
    assertThat(info.get("version").asString()).isNotBlank();
    assertThat(info.get("heartbeatIntervalSeconds").asLong()).isEqualTo(7);
    assertThat(info.get("auth").asBoolean()).isFalse();
    assertThat(info.get("maxMessageBytes").asLong()).isEqualTo(64L * 1024 * 1024);
    assertThat(info.get("capabilities").asLong())
        .isEqualTo(dev.flotilla.server.opamp.OpampProcessor.SERVER_CAPABILITIES);
  }

  @Test
  void anOversizedRequestBodyGetsTheApisErrorShape() {
    String big = "{\"files\":{\"a.conf\":{\"body\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}}}";
    HttpResponse<String> r = server.api("POST", "/api/v1/configs/big/versions", big, null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode error = server.json(r.body()).get("error");
    assertThat(error.get("status").asInt()).isEqualTo(413);
    assertThat(error.get("message").asString()).contains("larger than");
  }

  @Test
  void healthz() {
    HttpResponse<String> r = server.api("GET", "/healthz", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok\n");
    HttpResponse<String> ready = server.api("GET", "/readyz", null, null);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("ready\n");
  }

  @Test
  void openApiDocumentParsesAndDescribesTheRoutes() {
    HttpResponse<String> r = server.api("GET", "/api/v1/openapi.json", null, null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode doc = server.json(r.body());
    assertThat(doc.get("openapi").asString()).startsWith("3.");
    List<String> paths = new ArrayList<>(doc.get("paths").propertyNames());
    assertThat(paths)
        .contains(
            "/api/v1/agents",
            "/api/v1/agents/{uid}",
            "/api/v1/agents/{uid}/labels",
            "/api/v1/agents/{uid}/commands",
            "/api/v1/agents/{uid}/events",
            "/api/v1/agents/{uid}/remote-config",
            "/api/v1/configs",
            "/api/v1/configs/{name}/versions",
            "/api/v1/configs/{name}/versions/{version}",
            "/api/v1/configs/{name}/diff",
            "/api/v1/agents/{uid}/history",
            "/api/v1/rollouts",
            "/api/v1/rollouts/{id}",
            "/api/v1/rollouts/{id}/rollback",
            "/api/v1/server");
  }

  private String metrics() {
    return server.api("GET", "/metrics", null).body();
  }

  private static void assertHistogramIsCumulative(String text) {
    Matcher m =
        Pattern.compile("flotilla_store_batch_seconds_bucket\\{le=\"([^\"]+)\"} (\\d+)")
            .matcher(text);
    List<Long> counts = new ArrayList<>();
    List<String> bounds = new ArrayList<>();
    while (m.find()) {
      bounds.add(m.group(1));
      counts.add(Long.parseLong(m.group(2)));
    }
    assertThat(bounds).hasSizeGreaterThan(1).endsWith("+Inf");
    assertThat(counts).isSorted();
    assertThat((double) counts.getLast())
        .isEqualTo(value(text, "flotilla_store_batch_seconds_count"));
    assertThat(text).containsPattern("flotilla_store_batch_seconds_sum [0-9.E-]+\n");
  }

  /** The sample's value; fails when the sample is missing. */
  static double value(String text, String sample) {
    for (String line : text.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + sample + " in\n" + text);
  }
}

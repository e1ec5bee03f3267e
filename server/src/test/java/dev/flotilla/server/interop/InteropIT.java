package dev.flotilla.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.server.support.TestServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * OpAMP clients we did not write, against a real server: the OpenTelemetry Java client over HTTP
 * and WebSocket, and {@code @elastic/opamp-client-node} over HTTP. Each must connect, be listed
 * with its description, receive a config set through the REST API and acknowledge it, with the
 * acknowledgement visible in the API.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InteropIT {
  static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String SERVICE_NAME = "/description/identifying/service.name";

  @TempDir static Path dataDir;
  private static TestServer server;
  private static FleetApi api;

  @BeforeAll
  static void startServer() {
    server = TestServer.start(dataDir, c -> c);
    api = new FleetApi(server.server().apiPort(), null);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  static URI opampUrl(TestServer server, String scheme) {
    return scheme.startsWith("ws") ? server.opampWs() : server.opampHttp();
  }

  /**
   * Over WebSocket this client's first message arrives with sequence number 2 and no description.
   * It answers ReportFullState only with its next message, and it sends none on its own (no
   * heartbeats), so its description shows up once the config offer makes it reply.
   */
  @ParameterizedTest
  @ValueSource(strings = {"http", "ws"})
  void javaClient(String scheme) throws Exception {
    try (JavaOpampProbe probe =
        JavaOpampProbe.connect(opampUrl(server, scheme), Duration.ofMillis(500), null)) {
      String uid = probe.instanceUid.toString();

      JsonNode listed = api.awaitAgent(uid, "/connection/transport", PATIENCE);
      assertThat(FleetApi.text(listed, "/connection/transport"))
          .isEqualTo(scheme.equals("ws") ? "websocket" : "http");
      assertThat(api.listedUids()).contains(uid);

      String hash = api.putConfig(uid, "java-probe.yaml", "service:\n  flush: 1\n");

      try {
        await().atMost(PATIENCE).until(() -> probe.remoteConfigHashes.contains(hash));
        api.awaitApplied(uid, hash, PATIENCE);
        JsonNode agent = api.awaitAgent(uid, SERVICE_NAME, PATIENCE);
        assertThat(FleetApi.text(agent, SERVICE_NAME)).isEqualTo(JavaOpampProbe.SERVICE_NAME);
      } catch (ConditionTimeoutException | AssertionError e) {
        throw new AssertionError(
            "Java client over "
                + scheme
                + ": as the server has it: "
                + api.agent(uid).map(JsonNode::toString).orElse("(unknown)")
                + "; client saw "
                + probe.connects.get()
                + " connect(s), config hashes "
                + probe.remoteConfigHashes
                + ", failures "
                + probe.connectFailures
                + ", error responses "
                + probe.errorResponses,
            e);
      }
      assertThat(probe.lastRemoteConfigFiles.get())
          .containsEntry("java-probe.yaml", "service:\n  flush: 1\n");
      assertThat(probe.errorResponses).isEmpty();
    }
  }

  @Test
  void nodeClient() throws Exception {
    assumeTrue(NodeOpampClient.nodeAvailable(), "node is not installed");
    try (NodeOpampClient node = NodeOpampClient.start(opampUrl(server, "http"), 90, null)) {
      String uid = node.instanceUid(PATIENCE);

      JsonNode agent = api.awaitAgent(uid, SERVICE_NAME, PATIENCE);
      assertThat(FleetApi.text(agent, SERVICE_NAME)).isEqualTo("node-opamp-probe");
      assertThat(FleetApi.text(agent, "/connection/transport")).isEqualTo("http");
      assertThat(api.listedUids()).contains(uid);

      String hash = api.putConfig(uid, "node-probe.yaml", "pipeline:\n  inputs: []\n");

      JsonNode offered = node.awaitEvent("remoteConfig", PATIENCE);
      assertThat(FleetApi.text(offered, "/hash")).isEqualTo(hash);
      assertThat(FleetApi.text(offered, "/files/node-probe.yaml/body"))
          .isEqualTo("pipeline:\n  inputs: []\n");
      api.awaitApplied(uid, hash, PATIENCE);
      assertThat(node.event("fail")).isEmpty();
    }
  }
}

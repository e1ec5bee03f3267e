package dev.flotilla.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The real clients against a server that wants an agent bearer token. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InteropAuthIT {
  private static final Duration PATIENCE = InteropIT.PATIENCE;
  private static final String AGENT_TOKEN = "agent-secret";
  private static final String OPERATOR_TOKEN = "operator-secret";

  @TempDir static Path dataDir;
  private static TestServer server;
  private static FleetApi api;

  @BeforeAll
  static void startServer() {
    server =
        TestServer.start(
            dataDir,
            c -> c.withNoAuth(false).withAgentToken(AGENT_TOKEN).withOperatorToken(OPERATOR_TOKEN));
    api = new FleetApi(server.server().apiPort(), OPERATOR_TOKEN);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void javaClientWithTheTokenOverWebSocket() throws Exception {
    try (JavaOpampProbe probe =
        JavaOpampProbe.connect(
            InteropIT.opampUrl(server, "ws"), Duration.ofMillis(500), AGENT_TOKEN)) {
      String uid = probe.instanceUid.toString();
      api.awaitAgent(uid, "/connection/transport", PATIENCE);

      String hash = api.putConfig(uid, "java-probe.yaml", "service:\n  flush: 5\n");

      api.awaitApplied(uid, hash, PATIENCE);
      assertThat(probe.remoteConfigHashes).contains(hash);
    }
  }

  @Test
  void nodeClientWithTheToken() throws Exception {
    assumeTrue(NodeOpampClient.nodeAvailable(), "node is not installed");
    try (NodeOpampClient node =
        NodeOpampClient.start(InteropIT.opampUrl(server, "http"), 60, AGENT_TOKEN)) {
      String uid = node.instanceUid(PATIENCE);

      JsonNode agent = api.awaitAgent(uid, "/description/identifying/service.name", PATIENCE);
      assertThat(FleetApi.text(agent, "/connection/transport")).isEqualTo("http");
      assertThat(node.event("fail")).isEmpty();
    }
  }

  @Test
  void nodeClientWithAWrongTokenIsRefusedAndNotListed() throws Exception {
    assumeTrue(NodeOpampClient.nodeAvailable(), "node is not installed");
    try (NodeOpampClient node =
        NodeOpampClient.start(InteropIT.opampUrl(server, "http"), 60, "wrong-token")) {
      String uid = node.instanceUid(PATIENCE);

      JsonNode failure = node.awaitEvent("fail", PATIENCE);
      assertThat(FleetApi.text(failure, "/err")).contains("401");
      await().atMost(PATIENCE).until(() -> node.event("schedule").isPresent());
      assertThat(api.agent(uid)).isEmpty();
      assertThat(node.event("exchange")).isEmpty();
    }
  }
}

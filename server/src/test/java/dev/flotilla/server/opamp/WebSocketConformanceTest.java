package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRestartCommand;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsHealth;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Conformance scenarios over WebSocket against a real server on a loopback port. */
class WebSocketConformanceTest {
  private static final long STATUS = Capabilities.of(AgentCapabilities_ReportsStatus);

  @TempDir Path dir;
  TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void connectReportAndDisconnectByClose() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ServerToAgent reply = ws.exchange(agent.full("io.fluentbit.fluent-bit").build());
      assertThat(reply.getInstanceUid()).isEqualTo(agent.uidBytes());
      assertThat(reply.getCapabilities() & 1).isEqualTo(1);
      assertThat(agentJson(agent).at("/connection/transport").asString()).isEqualTo("websocket");
      assertThat(connected(agent)).isTrue();
      ws.abort();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> !connected(agent));
  }

  @Test
  void closingASocketMarksEveryUidItCarriedDisconnected() {
    RawAgent first = new RawAgent(STATUS);
    RawAgent second = new RawAgent(STATUS);
    RawAgent third = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      for (RawAgent agent : new RawAgent[] {first, second, third}) {
        assertThat(ws.exchange(agent.full("a").build()).hasErrorResponse()).isFalse();
      }
      assertThat(connected(first)).isTrue();
      assertThat(connected(second)).isTrue();
      assertThat(connected(third)).isTrue();
      ws.abort();
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(connected(first)).as("first uid").isFalse();
              assertThat(connected(second)).as("second uid").isFalse();
              assertThat(connected(third)).as("third uid").isFalse();
            });
  }

  @Test
  void agentDisconnectMarksDisconnectedAtOnce() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.exchange(agent.full("a").build());
      ws.exchange(agent.next().setAgentDisconnect(AgentDisconnect.getDefaultInstance()).build());
      assertThat(connected(agent)).isFalse();
    }
  }

  @Test
  void javaClientStyleFirstMessageWithGapGetsFullStateRequest() {
    RawAgent agent = new RawAgent(0x1002);
    agent.seq = 1; // the Java client's first WebSocket message had seq 2 and no description
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ServerToAgent reply = ws.exchange(agent.next().build());
      assertThat(reply.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
          .isNotZero();
      assertThat(ws.exchange(agent.full("java").build()).getFlags()).isZero();
    }
  }

  @Test
  void reconnectWithCompressedStatusKeepsState() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.exchange(agent.full("a").build());
    }
    await().until(() -> !connected(agent));
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ServerToAgent reply = ws.exchange(agent.next().build());
      assertThat(reply.getFlags()).isZero();
      assertThat(connected(agent)).isTrue();
    }
  }

  @Test
  void serverPushesRemoteConfigAndCommandsAtAnyTime() {
    RawAgent agent =
        new RawAgent(
            Capabilities.of(
                AgentCapabilities_ReportsStatus,
                AgentCapabilities_AcceptsRemoteConfig,
                AgentCapabilities_ReportsRemoteConfig,
                AgentCapabilities_AcceptsRestartCommand,
                AgentCapabilities_ReportsHealth));
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.exchange(
          agent
              .full("a")
              .setRemoteConfigStatus(RemoteConfigStatus.getDefaultInstance())
              .setHealth(ComponentHealth.newBuilder().setHealthy(true).setStartTimeUnixNano(5))
              .build());
      assertThat(
              server
                  .api(
                      "PUT",
                      "/api/v1/agents/" + agent.uid + "/remote-config",
                      "{\"files\":{\"fluent-bit.yaml\":{\"body\":\"service: {}\",\"contentType\":\"text/yaml\"}}}")
                  .statusCode())
          .isEqualTo(200);
      ServerToAgent pushed = ws.next();
      assertThat(pushed.getRemoteConfig().getConfig().getConfigMapMap())
          .containsKey("fluent-bit.yaml");

      assertThat(
              server
                  .api(
                      "POST", "/api/v1/agents/" + agent.uid + "/commands", "{\"type\":\"restart\"}")
                  .statusCode())
          .isEqualTo(202);
      ServerToAgent command = ws.next();
      assertThat(command.hasCommand()).isTrue();
      // A command travels alone: only the uid and capabilities beside it.
      assertThat(command.toBuilder().clearCommand().clearInstanceUid().clearCapabilities().build())
          .isEqualTo(ServerToAgent.getDefaultInstance());
      // The agent restarts: a new start time acknowledges the command.
      ws.exchange(
          agent
              .next()
              .setHealth(ComponentHealth.newBuilder().setHealthy(true).setStartTimeUnixNano(6))
              .build());
      JsonNode commands = server.getJson("/api/v1/agents/" + agent.uid + "/commands");
      assertThat(commands.get(0).get("status").asString()).isEqualTo("acknowledged");
    }
  }

  @Test
  void restartIsRefusedForAgentsWithoutTheCapability() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.exchange(agent.full("a").build());
      var r =
          server.api("POST", "/api/v1/agents/" + agent.uid + "/commands", "{\"type\":\"restart\"}");
      assertThat(r.statusCode()).isEqualTo(409);
      assertThat(server.json(r.body()).at("/error/code").asString()).isEqualTo("conflict");
    }
  }

  @Test
  void customMessagesReachRegisteredHandlersAndCustomCommandsReachAgents() {
    server
        .server()
        .customCapabilities()
        .register(
            new CustomMessageHandler() {
              @Override
              public String capability() {
                return "io.flotilla.echo";
              }

              @Override
              public CustomMessage onMessage(InstanceUid agent, CustomMessage message) {
                return message.toBuilder().setType("echo").build();
              }
            });
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ServerToAgent first =
          ws.exchange(
              agent
                  .full("a")
                  .setCustomCapabilities(
                      CustomCapabilities.newBuilder().addCapabilities("io.flotilla.echo"))
                  .build());
      assertThat(first.getCustomCapabilities().getCapabilitiesList()).contains("io.flotilla.echo");
      ServerToAgent echoed =
          ws.exchange(
              agent
                  .next()
                  .setCustomMessage(
                      CustomMessage.newBuilder()
                          .setCapability("io.flotilla.echo")
                          .setType("ping")
                          .setData(ByteString.copyFromUtf8("hi")))
                  .build());
      assertThat(echoed.getCustomMessage().getType()).isEqualTo("echo");

      var r =
          server.api(
              "POST",
              "/api/v1/agents/" + agent.uid + "/commands",
              "{\"type\":\"custom\",\"capability\":\"io.flotilla.echo\",\"messageType\":\"flush\",\"data\":\"now\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
      ServerToAgent pushed = ws.next();
      assertThat(pushed.getCustomMessage().getType()).isEqualTo("flush");
      assertThat(pushed.getCustomMessage().getData().toStringUtf8()).isEqualTo("now");
    }
  }

  @Test
  void duplicateUidOnTwoLiveConnectionsGetsANewUidForTheNewcomer() {
    RawAgent original = new RawAgent(STATUS);
    try (OpampWebSocket first = OpampWebSocket.connect(server.opampWs());
        OpampWebSocket second = OpampWebSocket.connect(server.opampWs())) {
      first.exchange(original.full("orig").build());
      RawAgent clone = new RawAgent(STATUS);
      clone.uid = original.uid;
      ServerToAgent reply = second.exchange(clone.full("clone").build());
      assertThat(reply.getInstanceUid()).isEqualTo(original.uidBytes());
      ByteString fresh = reply.getAgentIdentification().getNewInstanceUid();
      assertThat(fresh.size()).isEqualTo(16);
      clone.uid = InstanceUid.fromBytes(fresh);
      assertThat(second.exchange(clone.next().build()).getFlags()).isZero();
      assertThat(agentJson(original).at("/description/identifying/service.name").asString())
          .isEqualTo("orig");
      assertThat(agentJson(clone).at("/description/identifying/service.name").asString())
          .isEqualTo("clone");
      assertThat(first.exchange(original.next().build()).hasAgentIdentification()).isFalse();
    }
  }

  @Test
  void legacyHeaderlessFramesAreAnsweredWithHeader() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.sendRaw(agent.full("legacy").build().toByteArray());
      assertThat(ws.next().getInstanceUid()).isEqualTo(agent.uidBytes());
    }
  }

  @Test
  void malformedFramesGetBadRequestAndTheConnectionLives() {
    RawAgent agent = new RawAgent(STATUS);
    try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      ws.sendRaw(new byte[] {0, (byte) 0xff, (byte) 0xff, 1});
      assertThat(ws.next().getErrorResponse().getType())
          .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_BadRequest);
      ws.sendRaw(new byte[] {5, 10, 1, 2}); // non-zero header
      assertThat(ws.next().getErrorResponse().getType())
          .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_BadRequest);
      assertThat(ws.exchange(agent.full("fine").build()).hasErrorResponse()).isFalse();
    }
  }

  private JsonNode agentJson(RawAgent agent) {
    return server.getJson("/api/v1/agents/" + agent.uid);
  }

  private boolean connected(RawAgent agent) {
    return agentJson(agent).at("/connection/connected").asBoolean();
  }
}

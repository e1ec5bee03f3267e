package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsHealth;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerCapabilities;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Conformance scenarios over plain HTTP against a real server on a loopback port. */
class HttpConformanceTest {
  private static final long STATUS = Capabilities.of(AgentCapabilities_ReportsStatus);
  private static final long REMOTE =
      Capabilities.of(
          AgentCapabilities_ReportsStatus,
          AgentCapabilities_AcceptsRemoteConfig,
          AgentCapabilities_ReportsRemoteConfig);

  @TempDir Path dir;
  TestServer server;
  OpampHttp http;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, c -> c.withHeartbeatInterval(Duration.ofSeconds(1)));
    http = new OpampHttp(server.opampHttp());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void connectAndReport() {
    RawAgent agent = new RawAgent(STATUS);
    HttpResponse<byte[]> r = http.post(agent.full("io.fluentbit.fluent-bit").build().toByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().allValues("Content-Type")).containsExactly("application/x-protobuf");
    ServerToAgent reply = OpampHttp.parse(r);
    assertThat(reply.getInstanceUid()).isEqualTo(agent.uidBytes());
    assertThat(reply.getCapabilities() & ServerCapabilities.ServerCapabilities_AcceptsStatus_VALUE)
        .isNotZero();
    assertThat(reply.getFlags()).isZero();
    assertThat(reply.hasErrorResponse()).isFalse();

    JsonNode listed = server.getJson("/api/v1/agents").get("items").get(0);
    assertThat(listed.get("instanceUid").asString()).isEqualTo(agent.uid.toString());
    assertThat(listed.at("/description/identifying/service.name").asString())
        .isEqualTo("io.fluentbit.fluent-bit");
    assertThat(listed.at("/connection/transport").asString()).isEqualTo("http");
    assertThat(listed.at("/connection/connected").asBoolean()).isTrue();
  }

  @Test
  void sequenceGapAsksForFullStateOnce() {
    RawAgent agent = new RawAgent(STATUS);
    assertThat(http.send(agent.full("a").build()).getFlags()).isZero();
    agent.seq++; // skip one
    ServerToAgent gap = http.send(agent.next().build());
    assertThat(gap.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
        .isNotZero();
    assertThat(http.send(agent.full("a").build()).getFlags()).isZero();
    assertThat(http.send(agent.next().build()).getFlags()).isZero();
  }

  @Test
  void unknownAgentWithCompressedStatusIsAskedForFullState() {
    RawAgent agent = new RawAgent(STATUS);
    agent.seq = 41;
    ServerToAgent reply = http.send(agent.next().build());
    assertThat(reply.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
        .isNotZero();
  }

  @Test
  void httpAgentsAreRememberedBetweenPolls() {
    RawAgent agent = new RawAgent(STATUS);
    http.send(agent.full("a").build());
    for (int i = 0; i < 5; i++) {
      assertThat(http.send(agent.next().build()).getFlags()).isZero();
    }
  }

  @Test
  void remoteConfigIsOfferedOnceAndGatedByHash() {
    RawAgent agent = new RawAgent(REMOTE);
    ServerToAgent first =
        http.send(
            agent.full("a").setRemoteConfigStatus(RemoteConfigStatus.getDefaultInstance()).build());
    assertThat(first.hasRemoteConfig()).isFalse();

    String hash = setConfig(agent, "[INPUT]\n    Name dummy\n");
    ServerToAgent offer = http.send(agent.next().build());
    assertThat(offer.hasRemoteConfig()).isTrue();
    ByteString offered = offer.getRemoteConfig().getConfigHash();
    assertThat(dev.flotilla.opamp.ConfigHash.hex(offered)).isEqualTo(hash);
    assertThat(offer.getRemoteConfig().getConfig().getConfigMapMap())
        .containsKey("fluent-bit.conf");
    // Not resent while the agent works on it, nor after it applied it.
    assertThat(http.send(agent.next().build()).hasRemoteConfig()).isFalse();
    ServerToAgent afterAck =
        http.send(agent.next().setRemoteConfigStatus(applied(offered)).build());
    assertThat(afterAck.hasRemoteConfig()).isFalse();
    assertThat(http.send(agent.next().build()).hasRemoteConfig()).isFalse();
    assertThat(
            server
                .getJson("/api/v1/agents/" + agent.uid)
                .at("/remoteConfigStatus/status")
                .asString())
        .isEqualTo("APPLIED");

    // A new config has a new hash and is offered again; a FAILED report is final.
    String hash2 = setConfig(agent, "[INPUT]\n    Name cpu\n");
    assertThat(hash2).isNotEqualTo(hash);
    ServerToAgent offer2 = http.send(agent.next().build());
    assertThat(offer2.hasRemoteConfig()).isTrue();
    RemoteConfigStatus failed =
        RemoteConfigStatus.newBuilder()
            .setLastRemoteConfigHash(offer2.getRemoteConfig().getConfigHash())
            .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_FAILED)
            .setErrorMessage("[error] unknown input plugin 'cpux'")
            .build();
    assertThat(http.send(agent.next().setRemoteConfigStatus(failed).build()).hasRemoteConfig())
        .isFalse();
    assertThat(http.send(agent.next().build()).hasRemoteConfig()).isFalse();
    JsonNode status = server.getJson("/api/v1/agents/" + agent.uid).get("remoteConfigStatus");
    assertThat(status.get("status").asString()).isEqualTo("FAILED");
    assertThat(status.get("errorMessage").asString()).contains("unknown input plugin");
    assertThat(server.getJson("/api/v1/agents?configStatus=FAILED").get("total").asInt())
        .isEqualTo(1);
    assertThat(server.getJson("/api/v1/agents?configStatus=APPLIED").get("total").asInt()).isZero();
    assertThat(server.api("GET", "/api/v1/agents?configStatus=BROKEN", null).statusCode())
        .isEqualTo(400);
    assertThat(
            server.getJson("/api/v1/agents?configStatus=&approval=&sort=&q=").get("total").asInt())
        .isEqualTo(1);
  }

  @Test
  void nodeStyleEmptyFirstStatusMeansNoConfigYet() {
    RawAgent agent = new RawAgent(REMOTE);
    http.send(
        agent.full("a").setRemoteConfigStatus(RemoteConfigStatus.getDefaultInstance()).build());
    setConfig(agent, "[INPUT]\n    Name dummy\n    Tag x\n");
    assertThat(http.send(agent.next().build()).hasRemoteConfig()).isTrue();
  }

  @Test
  void capabilitiesGateWhatIsOffered() {
    RawAgent plain = new RawAgent(Capabilities.of(AgentCapabilities_ReportsStatus));
    http.send(plain.full("a").build());
    assertThat(
            server
                .api(
                    "PUT",
                    "/api/v1/agents/" + plain.uid + "/remote-config",
                    "{\"files\":{\"a\":{\"body\":\"x\"}}}")
                .statusCode())
        .isEqualTo(409);
    ServerToAgent reply = http.send(plain.next().build());
    assertThat(reply.hasRemoteConfig()).isFalse();
    assertThat(reply.hasConnectionSettings()).isFalse();
    assertThat(reply.hasCommand()).isFalse();

    // The Java client's quirk: no ReportsStatus bit, still served normally.
    RawAgent java = new RawAgent(0x1002);
    http.send(java.full("java").build());
    setConfig(java, "[INPUT]\n    Name dummy\n    Tag y\n");
    assertThat(http.send(java.next().build()).hasRemoteConfig()).isTrue();
  }

  @Test
  void heartbeatIntervalOfferedOnlyToAgentsThatAcceptSettings() {
    RawAgent accepts =
        new RawAgent(
            Capabilities.of(
                AgentCapabilities_ReportsStatus, AgentCapabilities_AcceptsOpAMPConnectionSettings));
    ServerToAgent reply = http.send(accepts.full("a").build());
    assertThat(reply.getConnectionSettings().getOpamp().getHeartbeatIntervalSeconds()).isEqualTo(1);
    assertThat(reply.getConnectionSettings().getHash()).isNotEmpty();
    assertThat(http.send(accepts.next().build()).hasConnectionSettings()).isFalse();

    RawAgent refuses = new RawAgent(STATUS);
    assertThat(http.send(refuses.full("b").build()).hasConnectionSettings()).isFalse();
  }

  @Test
  void serverAssignsInstanceUidOnRequest() {
    RawAgent agent = new RawAgent(STATUS);
    ServerToAgent reply =
        http.send(
            agent
                .full("a")
                .setFlags(AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE)
                .build());
    assertThat(reply.getInstanceUid()).isEqualTo(agent.uidBytes());
    ByteString fresh = reply.getAgentIdentification().getNewInstanceUid();
    assertThat(fresh.size()).isEqualTo(16);
    assertThat(fresh).isNotEqualTo(agent.uidBytes());
    String old = agent.uid.toString();
    agent.uid = dev.flotilla.opamp.InstanceUid.fromBytes(fresh);
    assertThat(http.send(agent.next().build()).getFlags()).isZero();
    assertThat(server.api("GET", "/api/v1/agents/" + old, null).statusCode()).isEqualTo(404);
    assertThat(
            server
                .getJson("/api/v1/agents/" + agent.uid)
                .at("/description/identifying/service.name")
                .asString())
        .isEqualTo("a");
  }

  @Test
  void agentDisconnectAndSilenceMarkHttpAgentsDisconnected() {
    RawAgent leaving = new RawAgent(STATUS);
    http.send(leaving.full("a").build());
    ServerToAgent bye =
        http.send(
            leaving
                .next()
                .setAgentDisconnect(dev.flotilla.opamp.proto.AgentDisconnect.getDefaultInstance())
                .build());
    assertThat(bye.getInstanceUid()).isEqualTo(leaving.uidBytes());
    assertThat(connected(leaving)).isFalse();

    RawAgent silent =
        new RawAgent(
            Capabilities.of(
                AgentCapabilities_ReportsStatus, AgentCapabilities_AcceptsOpAMPConnectionSettings));
    http.send(silent.full("b").build());
    assertThat(connected(silent)).isTrue();
    // Offered 1 s heartbeats, so three missed polls make it offline after about 3 s.
    await().atMost(Duration.ofSeconds(15)).until(() -> !connected(silent));
    JsonNode events = server.getJson("/api/v1/agents/" + silent.uid + "/events");
    assertThat(events.get("items").get(0).get("type").asString()).isEqualTo("disconnected");
  }

  @Test
  void gzipBothWays() {
    RawAgent agent = new RawAgent(STATUS);
    HttpResponse<byte[]> r =
        http.post(
            OpampHttp.gzip(agent.full("gz").build().toByteArray()),
            "Content-Encoding",
            "gzip",
            "Accept-Encoding",
            "gzip");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(OpampHttp.parse(r).getInstanceUid()).isEqualTo(agent.uidBytes());
    HttpResponse<byte[]> plain = http.post(agent.next().build().toByteArray());
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
  }

  @Test
  void malformedInputGetsBadRequestAndTheServerStaysUp() {
    HttpResponse<byte[]> garbage = http.post(new byte[] {(byte) 0xff, (byte) 0xff, 3, 4});
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(OpampHttp.parse(garbage).getErrorResponse().getType())
        .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_BadRequest);

    AgentToServer shortUid =
        AgentToServer.newBuilder()
            .setInstanceUid(ByteString.copyFrom(new byte[15]))
            .setSequenceNum(1)
            .build();
    HttpResponse<byte[]> refused = http.post(shortUid.toByteArray());
    assertThat(refused.statusCode()).as("the documented status for a bad uid").isEqualTo(400);
    ServerToAgent reply = OpampHttp.parse(refused);
    assertThat(reply.getErrorResponse().getType())
        .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_BadRequest);
    assertThat(reply.getErrorResponse().getErrorMessage()).contains("16 bytes");
    assertThat(reply.hasRemoteConfig() || reply.getCapabilities() != 0).isFalse();

    HttpResponse<byte[]> badGzip = http.post(new byte[] {1, 2, 3}, "Content-Encoding", "gzip");
    assertThat(badGzip.statusCode()).isEqualTo(400);

    HttpResponse<byte[]> wrongType = http.post(new byte[] {1}, "Content-Type", "application/json");
    assertThat(wrongType.statusCode()).isEqualTo(400);

    RawAgent agent = new RawAgent(STATUS);
    assertThat(http.send(agent.full("still-up").build()).hasErrorResponse()).isFalse();
  }

  @Test
  void duplicateDeliveryIsAnsweredTwice() {
    RawAgent agent = new RawAgent(STATUS);
    AgentToServer msg = agent.full("dup").build();
    assertThat(http.send(msg).getInstanceUid()).isEqualTo(agent.uidBytes());
    assertThat(http.send(msg).getInstanceUid()).isEqualTo(agent.uidBytes());
  }

  @Test
  void healthTreeIsStoredAndARestartIsRecorded() {
    RawAgent agent =
        new RawAgent(
            Capabilities.of(AgentCapabilities_ReportsStatus, AgentCapabilities_ReportsHealth));
    ComponentHealth health =
        ComponentHealth.newBuilder()
            .setHealthy(true)
            .setStartTimeUnixNano(1_000)
            .setStatus("running")
            .putComponentHealthMap(
                "output:http.0",
                ComponentHealth.newBuilder()
                    .setHealthy(false)
                    .setLastError("connection refused")
                    .build())
            .build();
    http.send(agent.full("h").setHealth(health).build());
    http.send(agent.next().setHealth(health.toBuilder().setStartTimeUnixNano(2_000)).build());
    JsonNode a = server.getJson("/api/v1/agents/" + agent.uid);
    assertThat(a.at("/health/components/output:http.0/lastError").asString())
        .isEqualTo("connection refused");
    assertThat(a.at("/health/startTimeUnixNano").asLong()).isEqualTo(2_000);
    JsonNode events = server.getJson("/api/v1/agents/" + agent.uid + "/events");
    assertThat(events.get("items").valueStream().map(e -> e.get("type").asString()))
        .contains("restarted", "health_changed", "connected");
  }

  private boolean connected(RawAgent agent) {
    return server.getJson("/api/v1/agents/" + agent.uid).at("/connection/connected").asBoolean();
  }

  private String setConfig(RawAgent agent, String body) {
    HttpResponse<String> r =
        server.api(
            "PUT",
            "/api/v1/agents/" + agent.uid + "/remote-config",
            "{\"files\":{\"fluent-bit.conf\":{\"body\":"
                + quote(body)
                + ",\"contentType\":\"text/plain\"}}}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return server.json(r.body()).get("hash").asString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static RemoteConfigStatus applied(ByteString hash) {
    return RemoteConfigStatus.newBuilder()
        .setLastRemoteConfigHash(hash)
        .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_APPLIED)
        .build();
  }
}

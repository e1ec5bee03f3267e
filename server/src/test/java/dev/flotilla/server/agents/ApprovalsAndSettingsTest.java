package dev.flotilla.server.agents;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Manual approval, blocking, run-time settings and operator-issued instance uids. */
class ApprovalsAndSettingsTest {
  private static final long REMOTE =
      Capabilities.of(
          AgentCapabilities_ReportsStatus,
          AgentCapabilities_AcceptsRemoteConfig,
          AgentCapabilities_ReportsRemoteConfig);

  @TempDir Path dir;

  @Test
  void newAgentsWaitForApprovalWhenItIsManual() {
    try (TestServer server = TestServer.start(dir, c -> c.withApprovalMode("manual"));
        OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
      RawAgent agent = new RawAgent(REMOTE);
      ws.exchange(
          agent
              .full("pending-one")
              .setRemoteConfigStatus(RemoteConfigStatus.getDefaultInstance())
              .build());
      assertThat(approval(server, agent)).isEqualTo("pending");
      assertThat(server.getJson("/api/v1/agents?approval=pending").get("total").asInt())
          .isEqualTo(1);
      assertThat(server.getJson("/api/v1/summary").get("pendingApproval").asInt()).isEqualTo(1);

      // A config set for a pending agent waits: nothing is offered yet.
      setConfig(server, agent);
      assertThat(ws.exchange(agent.next().build()).hasRemoteConfig()).isFalse();

      assertThat(server.api("POST", "/api/v1/agents/" + agent.uid + "/approve", "{}").statusCode())
          .isEqualTo(200);
      ServerToAgent pushed = ws.next();
      assertThat(pushed.hasRemoteConfig()).isTrue();
      assertThat(approval(server, agent)).isEqualTo("approved");
      assertThat(server.getJson("/api/v1/summary").get("pendingApproval").asInt()).isZero();
      JsonNode events = server.getJson("/api/v1/agents/" + agent.uid + "/events");
      assertThat(events.get("items").valueStream().map(e -> e.get("type").asString()))
          .contains("approval_changed");
    }
  }

  @Test
  void blockedAgentsAreRefusedOnBothTransportsAndStayBlocked() {
    try (TestServer server = TestServer.start(dir)) {
      RawAgent agent = new RawAgent(REMOTE);
      OpampHttp http = new OpampHttp(server.opampHttp());
      http.send(agent.full("bad-actor").build());
      assertThat(server.api("POST", "/api/v1/agents/" + agent.uid + "/block", "{}").statusCode())
          .isEqualTo(200);

      HttpResponse<byte[]> refused = http.post(agent.next().build().toByteArray());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(OpampHttp.parse(refused).getErrorResponse().getType())
          .isEqualTo(ServerErrorResponseType.ServerErrorResponseType_BadRequest);
      try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
        ServerToAgent reply = ws.exchange(agent.next().build());
        assertThat(reply.getErrorResponse().getErrorMessage()).contains("blocked");
        assertThat(ws.awaitClose()).isEqualTo(1008);
      }

      // Forgetting the agent does not unblock it, nor does a restart.
      assertThat(server.api("DELETE", "/api/v1/agents/" + agent.uid, null).statusCode())
          .isEqualTo(204);
      server.restart();
      http = new OpampHttp(server.opampHttp());
      assertThat(http.post(agent.next().build().toByteArray()).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void settingsChangeAtRunTimeAndPersist() {
    try (TestServer server = TestServer.start(dir)) {
      JsonNode defaults = server.getJson("/api/v1/settings");
      assertThat(defaults.get("heartbeatIntervalSeconds").asLong()).isEqualTo(30);
      assertThat(defaults.get("approvalMode").asString()).isEqualTo("auto");

      RawAgent agent =
          new RawAgent(
              Capabilities.of(
                  AgentCapabilities_ReportsStatus,
                  AgentCapabilities_AcceptsOpAMPConnectionSettings));
      OpampHttp http = new OpampHttp(server.opampHttp());
      assertThat(
              http.send(agent.full("a").build())
                  .getConnectionSettings()
                  .getOpamp()
                  .getHeartbeatIntervalSeconds())
          .isEqualTo(30);

      HttpResponse<String> bad =
          server.api("PUT", "/api/v1/settings", "{\"approvalMode\":\"sometimes\"}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(server.json(bad.body()).at("/error/message").asString()).contains("approvalMode");
      HttpResponse<String> ok =
          server.api(
              "PUT",
              "/api/v1/settings",
              "{\"heartbeatIntervalSeconds\":10,\"approvalMode\":\"manual\"}");
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

      // The new interval is offered again to agents that accept settings.
      assertThat(
              http.send(agent.next().build())
                  .getConnectionSettings()
                  .getOpamp()
                  .getHeartbeatIntervalSeconds())
          .isEqualTo(10);
      server.restart();
      JsonNode after = server.getJson("/api/v1/settings");
      assertThat(after.get("heartbeatIntervalSeconds").asLong()).isEqualTo(10);
      assertThat(after.get("approvalMode").asString()).isEqualTo("manual");
    }
  }

  @Test
  void operatorCanIssueANewInstanceUid() {
    try (TestServer server = TestServer.start(dir)) {
      RawAgent agent = new RawAgent(REMOTE);
      OpampHttp http = new OpampHttp(server.opampHttp());
      http.send(agent.full("cloned-vm").build());
      HttpResponse<String> r =
          server.api("POST", "/api/v1/agents/" + agent.uid + "/new-instance-uid", "{}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      String fresh = server.json(r.body()).get("newInstanceUid").asString();

      ServerToAgent reply = http.send(agent.next().build());
      assertThat(reply.getInstanceUid()).isEqualTo(agent.uidBytes());
      assertThat(
              InstanceUid.fromBytes(reply.getAgentIdentification().getNewInstanceUid()).toString())
          .isEqualTo(fresh);
      String old = agent.uid.toString();
      agent.uid = InstanceUid.parse(fresh);
      assertThat(http.send(agent.next().build()).getFlags()).isZero();
      assertThat(server.api("GET", "/api/v1/agents/" + old, null).statusCode()).isEqualTo(404);
      assertThat(server.getJson("/api/v1/agents/" + fresh).get("name").asString())
          .isEqualTo("test-host");
    }
  }

  @Test
  void anAgentThatAsksForANewUidStaysPendingUnderIt() {
    try (TestServer server = TestServer.start(dir, c -> c.withApprovalMode("manual"))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      int requestUid = AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE;

      // known and pending, then it asks for a server-assigned uid
      RawAgent known = new RawAgent(REMOTE);
      http.send(known.full("known").build());
      assertThat(approval(server, known)).isEqualTo("pending");
      ServerToAgent renamed = http.send(known.next().setFlags(requestUid).build());
      known.uid = InstanceUid.fromBytes(renamed.getAgentIdentification().getNewInstanceUid());
      assertThat(approval(server, known)).isEqualTo("pending");
      assertThat(http.send(known.next().build()).hasRemoteConfig()).isFalse();

      // brand new, and asks for a uid in its first message
      RawAgent fresh = new RawAgent(REMOTE);
      ServerToAgent assigned = http.send(fresh.full("fresh").setFlags(requestUid).build());
      fresh.uid = InstanceUid.fromBytes(assigned.getAgentIdentification().getNewInstanceUid());
      assertThat(approval(server, fresh)).isEqualTo("pending");
      assertThat(server.getJson("/api/v1/summary").get("pendingApproval").asInt()).isEqualTo(2);
    }
  }

  private static String approval(TestServer server, RawAgent agent) {
    return server.getJson("/api/v1/agents/" + agent.uid).get("approval").asString();
  }

  private static void setConfig(TestServer server, RawAgent agent) {
    assertThat(
            server
                .api(
                    "PUT",
                    "/api/v1/agents/" + agent.uid + "/remote-config",
                    "{\"files\":{\"fluent-bit.conf\":{\"body\":\"[INPUT]\\n    Name cpu\\n\"}}}")
                .statusCode())
        .isEqualTo(200);
  }
}

package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.FleetSummary;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.fleet.ServerSettings;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpFleetClient}'s fleet-wide and admin operations against a live server. */
class HttpFleetClientAdminTest {
  @TempDir Path dir;
  TestServer server;
  OpampHttp http;
  HttpFleetClient client;

  @BeforeEach
  void start() {
    server = TestServer.start(dir);
    http = new OpampHttp(server.opampHttp());
    client = new HttpFleetClient(server.apiBase(), null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void summaryCountsTheFleet() {
    RawAgent healthy = new RawAgent(AgentsApiTest.CAPS);
    http.send(healthy.full("a").setHealth(AgentsApiTest.health(true)).build());
    RawAgent failing = new RawAgent(AgentsApiTest.CAPS);
    http.send(
        failing
            .full("b")
            .setHealth(AgentsApiTest.health(false))
            .setRemoteConfigStatus(
                RemoteConfigStatus.newBuilder()
                    .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_FAILED)
                    .setErrorMessage("bad"))
            .build());
    RawAgent gone = new RawAgent(AgentsApiTest.CAPS);
    http.send(gone.full("c").build());
    http.send(gone.next().setAgentDisconnect(AgentDisconnect.getDefaultInstance()).build());

    FleetSummary summary = client.summary();
    assertThat(summary.total()).isEqualTo(3);
    assertThat(summary.connected()).isEqualTo(2);
    assertThat(summary.disconnected()).isEqualTo(1);
    assertThat(summary.unhealthy()).isEqualTo(1);
    assertThat(summary.failedConfigs()).isEqualTo(1);
    assertThat(summary.pendingApproval()).isZero();
  }

  @Test
  void settingsRoundTripAndAreValidated() {
    ServerSettings initial = client.settings();
    assertThat(initial.heartbeatIntervalSeconds()).isEqualTo(30);
    assertThat(initial.approvalMode()).isEqualTo("auto");

    ServerSettings changed = client.updateSettings(new ServerSettings(45L, null, null, null));
    assertThat(changed.heartbeatIntervalSeconds()).isEqualTo(45);
    assertThat(changed.approvalMode()).isEqualTo("auto");
    assertThat(changed.lastSeenAmberSeconds()).isEqualTo(initial.lastSeenAmberSeconds());
    assertThat(client.settings()).isEqualTo(changed);

    assertKind(
        () -> client.updateSettings(new ServerSettings(0L, null, null, null)),
        Kind.BAD_REQUEST,
        "heartbeatIntervalSeconds");
    assertKind(
        () -> client.updateSettings(new ServerSettings(null, "sometimes", null, null)),
        Kind.BAD_REQUEST,
        "approvalMode");
    assertKind(
        () -> client.updateSettings(new ServerSettings(null, null, 100L, 50L)),
        Kind.BAD_REQUEST,
        "amber");
    assertThat(client.settings()).isEqualTo(changed);
  }

  @Test
  void manualApprovalThenApproveAndBlock() {
    client.updateSettings(new ServerSettings(null, "manual", null, null));
    RawAgent newcomer = new RawAgent(AgentsApiTest.CAPS);
    http.send(newcomer.full("new").build());
    String uid = newcomer.uid.toString();
    assertThat(client.agent(uid).approval()).isEqualTo("pending");
    assertThat(client.summary().pendingApproval()).isEqualTo(1);

    assertThat(client.approve(uid).approval()).isEqualTo("approved");
    assertThat(client.summary().pendingApproval()).isZero();
    assertThat(http.send(newcomer.next().build()).hasErrorResponse()).isFalse();

    assertThat(client.block(uid).approval()).isEqualTo("blocked");
    HttpResponse<byte[]> refused = http.post(newcomer.next().build().toByteArray());
    assertThat(refused.statusCode()).isEqualTo(403);

    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertKind(() -> client.approve(unknown), Kind.NOT_FOUND, unknown);
    assertKind(() -> client.block("nope"), Kind.BAD_REQUEST, "nope");
  }

  @Test
  void issuedInstanceUidReachesTheAgentOnItsNextPoll() {
    RawAgent agent = new RawAgent(AgentsApiTest.CAPS);
    http.send(agent.full("cloned").build());
    String fresh = client.issueNewInstanceUid(agent.uid.toString());
    assertThat(fresh).isNotEqualTo(agent.uid.toString());

    ServerToAgent reply = http.send(agent.next().build());
    assertThat(reply.hasAgentIdentification()).isTrue();
    assertThat(InstanceUid.fromBytes(reply.getAgentIdentification().getNewInstanceUid()))
        .hasToString(fresh);
    assertKind(
        () -> client.issueNewInstanceUid(InstanceUid.newV7(Clock.systemUTC()).toString()),
        Kind.NOT_FOUND,
        "instance uid");
  }

  private static void assertKind(ThrowingCallable call, Kind kind, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FleetException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
        .hasMessageContaining(messagePart);
  }
}

package dev.flotilla.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.AgentEventView;
import dev.flotilla.fleet.AgentPage;
import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.CommandRequest;
import dev.flotilla.fleet.CommandView;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.fleet.RemoteConfigRequest;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.config.Role;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HttpFleetClient} against a live server: every operation, every error kind. */
class HttpFleetClientTest {
  @TempDir Path dir;
  TestServer server;
  OpampHttp http;
  HttpFleetClient admin;
  RawAgent agent;
  String uid;

  @BeforeEach
  void start() {
    server = TestServer.start(dir, HttpFleetClientTest::withTokens);
    http = new OpampHttp(server.opampHttp());
    http.token = TestServer.AGENT_TOKEN;
    admin = new HttpFleetClient(server.apiBase(), TestServer.ADMIN_TOKEN);
    agent = new RawAgent(AgentsApiTest.CAPS);
    http.send(
        agent
            .next()
            .setAgentDescription(AgentsApiTest.description("edge-1", "prod"))
            .setHealth(AgentsApiTest.health(true))
            .build());
    uid = agent.uid.toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void agentsAndAgentRoundTrip() {
    RawAgent other = new RawAgent(AgentsApiTest.CAPS);
    http.send(other.next().setAgentDescription(AgentsApiTest.description("edge-2", null)).build());

    AgentPage all = admin.agents(AgentQuery.all());
    assertThat(all.total()).isEqualTo(2);
    assertThat(all.items()).extracting(Agent::name).containsExactly("edge-1", "edge-2");

    AgentPage filtered =
        admin.agents(
            new AgentQuery(true, true, Map.of("env", "prod"), "EDGE", "instanceUid", 0, 10));
    assertThat(filtered.items()).extracting(Agent::instanceUid).containsExactly(uid);
    assertThat(filtered.limit()).isEqualTo(10);
    AgentPage second = admin.agents(new AgentQuery(null, null, null, "edge", "name", 1, 1));
    assertThat(second.items()).extracting(Agent::name).containsExactly("edge-2");
    assertThat(second.total()).isEqualTo(2);
    assertThat(admin.agents(new AgentQuery(null, false, null, null, null, 0, 5)).items()).isEmpty();
    assertThat(
            admin
                .agents(new AgentQuery(null, null, Map.of("a b", "c&d=e"), null, null, 0, 5))
                .items())
        .isEmpty();

    Agent one = admin.agent(uid);
    assertThat(one.name()).isEqualTo("edge-1");
    assertThat(one.description().nonIdentifying()).containsEntry("env", "prod");
    assertThat(one.health().healthy()).isTrue();
    assertThat(one.connection().connected()).isTrue();
    assertThat(one.connection().transport()).isEqualTo("http");
    assertThat(one.firstSeen()).isNotNull();
    assertThat(one.capabilities()).contains("AcceptsRemoteConfig", "AcceptsRestartCommand");
    assertThat(one.capabilityBits()).isEqualTo(AgentsApiTest.CAPS);
    assertThat(one.sequenceNum()).isEqualTo(1);
    assertThat(one.remoteConfig()).isNull();
  }

  @Test
  void labelsRemoteConfigCommandsAndEventsRoundTrip() {
    Agent labelled = admin.setLabels(uid, Map.of("team", "core", "tier", "1"));
    assertThat(labelled.labels()).containsOnly(Map.entry("team", "core"), Map.entry("tier", "1"));
    assertThat(admin.agent(uid).labels()).isEqualTo(labelled.labels());

    Agent.RemoteConfig config =
        admin.setRemoteConfig(
            uid,
            new RemoteConfigRequest(
                Map.of("fluent-bit.yaml", new Agent.ConfigFile("pipeline: {}\n", "text/yaml"))));
    assertThat(config.hash()).matches("[0-9a-f]{64}");
    assertThat(config.files().get("fluent-bit.yaml").body()).isEqualTo("pipeline: {}\n");
    assertThat(admin.agent(uid).remoteConfig()).isEqualTo(config);

    CommandView queued = admin.sendCommand(uid, CommandRequest.restart());
    assertThat(queued.status()).isEqualTo("queued");
    assertThat(queued.type()).isEqualTo("restart");
    assertThat(queued.instanceUid()).isEqualTo(uid);
    ServerToAgent offer = http.send(agent.next().build());
    assertThat(offer.hasRemoteConfig()).isTrue();
    ServerToAgent command = http.send(agent.next().build());
    assertThat(command.hasCommand()).isTrue();
    List<CommandView> commands = admin.commands(uid);
    assertThat(commands).extracting(CommandView::id).containsExactly(queued.id());
    assertThat(commands.getFirst().status()).isEqualTo("sent");

    AgentEventView.Page newest = admin.events(uid, null, 2);
    assertThat(newest.items()).hasSize(2);
    assertThat(newest.nextBefore()).isEqualTo(newest.items().getLast().id());
    AgentEventView.Page older = admin.events(uid, newest.nextBefore(), 1000);
    assertThat(older.nextBefore()).isNull();
    assertThat(older.items()).allSatisfy(e -> assertThat(e.id()).isLessThan(newest.nextBefore()));
    assertThat(older.items().getLast().type()).isEqualTo("connected");
    assertThat(
            java.util.stream.Stream.concat(newest.items().stream(), older.items().stream())
                .map(AgentEventView::type))
        .contains("labels_changed", "remote_config_set", "command_sent");
  }

  @Test
  void forgetRoundTrips() {
    admin.forget(uid);
    assertKind(() -> admin.agent(uid), Kind.NOT_FOUND, uid);
    assertThat(admin.agents(AgentQuery.all()).items()).isEmpty();
  }

  @Test
  void errorsComeBackWithTheirKind() {
    String unknown = InstanceUid.newV7(Clock.systemUTC()).toString();
    assertKind(() -> admin.agent(unknown), Kind.NOT_FOUND, unknown);
    assertKind(() -> admin.forget(unknown), Kind.NOT_FOUND, unknown);
    assertKind(() -> admin.commands(unknown), Kind.NOT_FOUND, unknown);
    assertKind(() -> admin.events(unknown, null, 10), Kind.NOT_FOUND, unknown);
    assertKind(() -> admin.agent("not a uid"), Kind.BAD_REQUEST, "not a uid");
    assertKind(() -> admin.setLabels(uid, Map.of("", "x")), Kind.BAD_REQUEST, "labels");
    assertKind(() -> admin.events(uid, null, 0), Kind.BAD_REQUEST, "limit");
    assertKind(
        () -> admin.setRemoteConfig(uid, new RemoteConfigRequest(Map.of())),
        Kind.BAD_REQUEST,
        "files");
    assertKind(
        () -> admin.sendCommand(uid, new CommandRequest("custom", "io.x.flush", "t", "")),
        Kind.CONFLICT,
        "io.x.flush");
    assertKind(
        () -> admin.agents(new AgentQuery(null, null, null, null, "weight", 0, 10)),
        Kind.BAD_REQUEST,
        "sort");

    HttpFleetClient viewer = new HttpFleetClient(server.apiBase(), "viewer-token");
    assertThat(viewer.agent(uid).name()).isEqualTo("edge-1");
    assertKind(() -> viewer.setLabels(uid, Map.of("a", "b")), Kind.FORBIDDEN, "operator");
    assertKind(() -> viewer.forget(uid), Kind.FORBIDDEN, "admin");
    assertKind(
        () -> new HttpFleetClient(server.apiBase(), "nobody").agents(AgentQuery.all()),
        Kind.UNAUTHORIZED,
        "token");
    assertKind(
        () -> new HttpFleetClient(server.apiBase(), null).agent(uid), Kind.UNAUTHORIZED, "token");
  }

  @Test
  void anUnreachableServerIsUnavailable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpFleetClient nowhere = new HttpFleetClient("http://127.0.0.1:" + closedPort + "/", "t");
    assertKind(() -> nowhere.agents(AgentQuery.all()), Kind.UNAVAILABLE, "127.0.0.1");
  }

  @Test
  void aNonApiAnswerStillMapsToAKind() {
    // /metrics is not JSON; a path outside the API gets the listener's plain 404
    HttpFleetClient wrongBase = new HttpFleetClient(server.apiBase() + "/elsewhere/", "t");
    assertKind(() -> wrongBase.agent(uid), Kind.NOT_FOUND, "404");
  }

  private static void assertKind(ThrowingCallable call, Kind kind, String messagePart) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            FleetException.class, e -> assertThat(e.kind()).as(e.getMessage()).isEqualTo(kind))
        .hasMessageContaining(messagePart);
  }

  private static ServerConfig withTokens(ServerConfig c) {
    return c.withNoAuth(false)
        .withAgentToken(TestServer.AGENT_TOKEN)
        .withOperatorTokens(
            List.of(
                new ServerConfig.OperatorToken(TestServer.ADMIN_TOKEN, Role.ADMIN, "admin"),
                new ServerConfig.OperatorToken("viewer-token", Role.VIEWER, "view")));
  }
}

package dev.flotilla.server;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsRestartCommand;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsHealth;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsRemoteConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.server.agents.AgentEvent;
import dev.flotilla.server.agents.AgentRecord;
import dev.flotilla.server.store.FleetTables;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the server knows survives a graceful restart, on SQLite and on PostgreSQL. */
class RestartIT {
  static final long CAPS =
      Capabilities.of(
          AgentCapabilities_ReportsStatus,
          AgentCapabilities_ReportsHealth,
          AgentCapabilities_ReportsEffectiveConfig,
          AgentCapabilities_AcceptsRemoteConfig,
          AgentCapabilities_ReportsRemoteConfig,
          AgentCapabilities_AcceptsRestartCommand);

  enum Db {
    SQLITE,
    POSTGRESQL
  }

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void agentsLabelsHistoryAndQueuedCommandsSurviveARestart(Db db) {
    try (TestServer server = TestServer.start(dir, c -> c.withStore(storeUrl(db)))) {
      OpampHttp before = new OpampHttp(server.opampHttp());
      RawAgent agent = new RawAgent(CAPS);
      before.send(fullState(agent.next(), "fluent-bit-1", RemoteConfigStatus.getDefaultInstance()));
      String path = "/api/v1/agents/" + agent.uid;
      assertThat(
              server
                  .api("PUT", path + "/labels", "{\"env\":\"prod\",\"team\":\"core\"}")
                  .statusCode())
          .isEqualTo(200);
      String hash =
          server
              .json(
                  server
                      .api(
                          "PUT",
                          path + "/remote-config",
                          "{\"files\":{\"fluent-bit.yaml\":{\"body\":\"pipeline: {}\\n\",\"contentType\":\"text/yaml\"}}}")
                      .body())
              .get("hash")
              .asString();
      ServerToAgent offer = before.send(agent.next().build());
      assertThat(offer.hasRemoteConfig()).isTrue();
      before.send(agent.next().setRemoteConfigStatus(applied(offer)).build());
      assertThat(server.api("POST", path + "/commands", "{\"type\":\"restart\"}").statusCode())
          .isEqualTo(202);

      RawAgent wsAgent = new RawAgent(CAPS);
      OpampWebSocket ws = OpampWebSocket.connect(server.opampWs());
      ws.exchange(
          fullState(wsAgent.next(), "fluent-bit-ws", RemoteConfigStatus.getDefaultInstance()));
      String wsPath = "/api/v1/agents/" + wsAgent.uid;
      assertThat(server.getJson(wsPath).at("/connection/connected").asBoolean()).isTrue();

      JsonNode agentBefore = withoutConnection(server.getJson(path));
      JsonNode eventsBefore = server.getJson(path + "/events?limit=1000");
      assertThat(agentBefore.at("/remoteConfigStatus/status").asString()).isEqualTo("APPLIED");
      assertThat(agentBefore.at("/remoteConfig/hash").asString()).isEqualTo(hash);

      server.restart();
      ws.awaitClose();
      ws.abort();

      JsonNode after = server.getJson(path);
      assertThat(withoutConnection(after)).isEqualTo(agentBefore);
      assertThat(after.at("/labels/env").asString()).isEqualTo("prod");
      assertThat(after.at("/health/components/output.es/healthy").asBoolean()).isFalse();
      assertThat(after.at("/effectiveConfig/files/fluent-bit.yaml/body").asString())
          .isEqualTo("service: {}\n");
      assertThat(after.at("/remoteConfigStatus/hash").asString()).isEqualTo(hash);
      assertThat(after.at("/connection/connected").asBoolean()).isFalse();
      assertThat(server.getJson(path + "/events?limit=1000")).isEqualTo(eventsBefore);
      JsonNode commands = server.getJson(path + "/commands");
      assertThat(commands).hasSize(1);
      assertThat(commands.get(0).get("status").asString()).isEqualTo("queued");
      assertThat(server.getJson(wsPath).at("/connection/connected").asBoolean()).isFalse();
      assertThat(
              server.getJson(wsPath).at("/description/identifying/service.instance.id").asString())
          .isEqualTo("fluent-bit-ws");

      // The HTTP agent carries on where it was: no full state asked, the command is delivered.
      OpampHttp http = new OpampHttp(server.opampHttp()); // the new server's port
      ServerToAgent resumed = http.send(agent.next().build());
      assertThat(resumed.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
          .isZero();
      assertThat(resumed.hasRemoteConfig()).isFalse();
      assertThat(resumed.hasCommand()).isTrue();
      assertThat(server.getJson(path + "/commands").get(0).get("status").asString())
          .isEqualTo("sent");
      JsonNode resumedAgent = server.getJson(path);
      assertThat(resumedAgent.get("sequenceNum").asLong()).isEqualTo(agent.seq);
      assertThat(resumedAgent.at("/connection/connected").asBoolean()).isTrue();

      // So does the WebSocket agent, once it reconnects.
      try (OpampWebSocket again = OpampWebSocket.connect(server.opampWs())) {
        ServerToAgent reply = again.exchange(wsAgent.next().build());
        assertThat(reply.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
            .isZero();
        assertThat(server.getJson(wsPath).at("/connection/connected").asBoolean()).isTrue();
        assertThat(server.getJson(wsPath).get("sequenceNum").asLong()).isEqualTo(wsAgent.seq);
      }
      assertThat(server.getJson("/api/v1/agents").get("total").asInt()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void renamedAndForgottenAgentsStayThatWayAfterARestart(Db db) {
    try (TestServer server = TestServer.start(dir, c -> c.withStore(storeUrl(db)))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      RawAgent cloned = new RawAgent(CAPS);
      http.send(fullState(cloned.next(), "clone", RemoteConfigStatus.getDefaultInstance()));
      String oldUid = cloned.uid.toString();
      ServerToAgent renamed =
          http.send(
              cloned
                  .next()
                  .setFlags(AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE)
                  .build());
      cloned.uid = InstanceUid.fromBytes(renamed.getAgentIdentification().getNewInstanceUid());
      http.send(cloned.next().build());
      RawAgent forgotten = new RawAgent(CAPS);
      http.send(fullState(forgotten.next(), "gone", RemoteConfigStatus.getDefaultInstance()));
      assertThat(server.api("DELETE", "/api/v1/agents/" + forgotten.uid, null).statusCode())
          .isEqualTo(204);

      server.restart();

      assertThat(server.api("GET", "/api/v1/agents/" + oldUid, null).statusCode()).isEqualTo(404);
      assertThat(server.api("GET", "/api/v1/agents/" + forgotten.uid, null).statusCode())
          .isEqualTo(404);
      JsonNode page = server.getJson("/api/v1/agents");
      assertThat(page.get("total").asInt()).isEqualTo(1);
      String path = "/api/v1/agents/" + cloned.uid;
      assertThat(server.getJson(path).at("/description/identifying/service.instance.id").asString())
          .isEqualTo("clone");
      assertThat(server.getJson(path + "/events?limit=1000").toString())
          .contains("connected")
          .contains("instance_uid_changed");
    }
  }

  /** A crash cannot be staged in-process; a graceful stop must write what the writer still held. */
  @ParameterizedTest
  @EnumSource(Db.class)
  void closeWritesChangesMadeWithinTheLastFlushInterval(Db db) {
    String url = storeUrl(db);
    RawAgent agent = new RawAgent(CAPS);
    try (TestServer server =
        TestServer.start(dir, c -> c.withStore(url).withFlushInterval(Duration.ofSeconds(25)))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      http.send(fullState(agent.next(), "quick", RemoteConfigStatus.getDefaultInstance()));
      http.send(
          agent
              .next()
              .setHealth(ComponentHealth.newBuilder().setHealthy(false).setLastError("full disk"))
              .build());
      for (int i = 0; i < 3; i++) {
        http.send(agent.next().build()); // heartbeats: persisted lazily, but at close for sure
      }
    }
    try (FleetTables store = FleetTables.open(url, dir)) {
      List<AgentRecord> agents = store.loadAgents();
      assertThat(agents).hasSize(1);
      AgentRecord stored = agents.getFirst();
      assertThat(stored.instanceUid()).isEqualTo(agent.uid);
      assertThat(stored.sequenceNum()).isEqualTo(agent.seq);
      assertThat(stored.health().getLastError()).isEqualTo("full disk");
      assertThat(stored.description().getIdentifyingAttributesList()).isNotEmpty();
      assertThat(stored.connection().connected()).isTrue();
      assertThat(store.events(agent.uid, Long.MAX_VALUE, 100))
          .extracting(AgentEvent::type)
          .containsExactly(
              AgentEvent.HEALTH_CHANGED, AgentEvent.HEALTH_CHANGED, AgentEvent.CONNECTED);
    }
  }

  @Test
  void aFlushIntervalLongerThanTheRetryBackoffIsAccepted() {
    try (TestServer server =
        TestServer.start(dir, c -> c.withFlushInterval(Duration.ofMinutes(2)))) {
      assertThat(server.getJson("/api/v1/agents").get("total").asInt()).isZero();
    }
  }

  static AgentToServer fullState(
      AgentToServer.Builder message, String instanceId, RemoteConfigStatus status) {
    return message
        .setAgentDescription(
            dev.flotilla.opamp.proto.AgentDescription.newBuilder()
                .addIdentifyingAttributes(RawAgent.kv("service.name", "io.fluentbit.fluent-bit"))
                .addIdentifyingAttributes(RawAgent.kv("service.instance.id", instanceId))
                .addNonIdentifyingAttributes(RawAgent.kv("host.name", "node-7")))
        .setHealth(
            ComponentHealth.newBuilder()
                .setHealthy(true)
                .setStatus("running")
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .putComponentHealthMap(
                    "output.es",
                    ComponentHealth.newBuilder()
                        .setHealthy(false)
                        .setLastError("connection refused")
                        .build()))
        .setEffectiveConfig(
            EffectiveConfig.newBuilder()
                .setConfigMap(
                    AgentConfigMap.newBuilder()
                        .putConfigMap(
                            "fluent-bit.yaml",
                            AgentConfigFile.newBuilder()
                                .setBody(ByteString.copyFromUtf8("service: {}\n"))
                                .setContentType("text/yaml")
                                .build())))
        .setRemoteConfigStatus(status)
        .build();
  }

  private static RemoteConfigStatus applied(ServerToAgent offer) {
    return RemoteConfigStatus.newBuilder()
        .setLastRemoteConfigHash(offer.getRemoteConfig().getConfigHash())
        .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_APPLIED)
        .build();
  }

  /** The agent without its connection, and with firstSeen to the millisecond the store keeps. */
  private static JsonNode withoutConnection(JsonNode agent) {
    ObjectNode copy = (ObjectNode) agent.deepCopy();
    copy.remove("connection");
    copy.put(
        "firstSeen",
        Instant.parse(agent.get("firstSeen").asString()).truncatedTo(ChronoUnit.MILLIS).toString());
    return copy;
  }

  /** Null for SQLite in the data directory; else a new, empty PostgreSQL database. */
  private static String storeUrl(Db db) {
    if (db == Db.SQLITE) {
      return null;
    }
    String name = "restart_" + DATABASES.incrementAndGet();
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("creating database " + name, e);
    }
    return postgres.getJdbcUrl("postgres", name);
  }
}

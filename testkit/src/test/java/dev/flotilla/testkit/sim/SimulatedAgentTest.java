package dev.flotilla.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentIdentification;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.ConnectionSettingsOffers;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.OpAMPConnectionSettings;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatedAgentTest {
  private static final AgentConfigMap CONFIG =
      AgentConfigMap.newBuilder()
          .putConfigMap(
              "fluent-bit.yaml",
              AgentConfigFile.newBuilder()
                  .setBody(ByteString.copyFromUtf8("pipeline:\n  inputs: []\n"))
                  .setContentType("text/yaml")
                  .build())
          .build();
  private static final ByteString CONFIG_HASH = ConfigHash.of(CONFIG);

  private final Clock clock = Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofNanos(1));
  private FakeOpampServer server;
  private SimEnvironment env;
  private SimulatedAgent agent;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeOpampServer();
    env = SimEnvironment.create(clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    env.close();
    server.close();
  }

  private SimulatedAgent start(URI endpoint, UnaryOperator<AgentSettings.Builder> customize)
      throws Exception {
    AgentSettings settings =
        customize.apply(AgentSettings.builder(endpoint, InstanceUid.newV7(clock))).build();
    agent = new SimulatedAgent(settings, env);
    agent.start().get(10, TimeUnit.SECONDS);
    return agent;
  }

  private static ServerToAgent.Builder reply(AgentToServer m) {
    return ServerToAgent.newBuilder().setInstanceUid(m.getInstanceUid()).setCapabilities(7);
  }

  /** Answers like a real server: offers CONFIG until the agent reports its hash. */
  private static ServerToAgent offeringConfig(AgentToServer m) {
    ServerToAgent.Builder r = reply(m);
    if (!m.getRemoteConfigStatus().getLastRemoteConfigHash().equals(CONFIG_HASH)) {
      r.setRemoteConfig(
          AgentRemoteConfig.newBuilder().setConfig(CONFIG).setConfigHash(CONFIG_HASH));
    }
    return r.build();
  }

  @Test
  void firstMessageIsTheFullStatusThenHeartbeatsAreCompressed() throws Exception {
    start(server.httpUri(), b -> b.heartbeatInterval(Duration.ofMillis(100)));

    await().until(() -> server.received.size() >= 3);
    AgentToServer first = server.received.get(0);
    assertThat(first.getSequenceNum()).isEqualTo(1);
    assertThat(first.getInstanceUid()).isEqualTo(agent.instanceUid().toByteString());
    assertThat(first.getCapabilities()).isEqualTo(AgentSettings.SUPERVISOR_CAPABILITIES);
    assertThat(AgentDescriptions.identifying(first.getAgentDescription()))
        .containsEntry("service.name", AgentDescriptions.FLUENT_BIT);
    assertThat(first.getHealth().getHealthy()).isTrue();
    assertThat(first.hasEffectiveConfig()).isTrue();
    assertThat(first.hasRemoteConfigStatus()).isTrue();
    AgentToServer heartbeat = server.received.get(2);
    assertThat(heartbeat.getSequenceNum()).isEqualTo(3);
    assertThat(heartbeat.hasAgentDescription()).isFalse();
    assertThat(heartbeat.hasHealth()).isFalse();
    assertThat(server.lastHeaders).containsEntry("content-type", "application/x-protobuf");
  }

  @Test
  void sendsHeartbeatsOverWebSocket() throws Exception {
    start(server.wsUri(), b -> b.heartbeatInterval(Duration.ofMillis(100)));

    await().until(() -> server.received.size() >= 3);
    assertThat(server.received.get(2).getSequenceNum()).isEqualTo(3);
  }

  @Test
  void reportFullStateResendsEverything() throws Exception {
    start(server.wsUri(), b -> b);
    server.push(
        ServerToAgent.newBuilder()
            .setInstanceUid(agent.instanceUid().toByteString())
            .setFlags(ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
            .build());

    await().until(() -> server.received.size() >= 2);
    AgentToServer full = server.received.get(1);
    assertThat(full.getSequenceNum()).isEqualTo(2);
    assertThat(full.hasAgentDescription()).isTrue();
    assertThat(full.hasHealth()).isTrue();
    assertThat(full.hasEffectiveConfig()).isTrue();
  }

  @Test
  void appliesAnOfferedConfigOnceReportingApplyingThenApplied() throws Exception {
    server.responder = SimulatedAgentTest::offeringConfig;
    start(server.httpUri(), b -> b.heartbeatInterval(Duration.ofMillis(100)));

    await().until(() -> agent.remoteConfigStatus().getStatus().getNumber() == 1);
    await().until(() -> server.received.size() >= 5);
    List<RemoteConfigStatuses> reported =
        server.received.stream()
            .filter(AgentToServer::hasRemoteConfigStatus)
            .map(m -> m.getRemoteConfigStatus().getStatus())
            .toList();
    assertThat(reported)
        .containsExactly(
            RemoteConfigStatuses.RemoteConfigStatuses_UNSET,
            RemoteConfigStatuses.RemoteConfigStatuses_APPLYING,
            RemoteConfigStatuses.RemoteConfigStatuses_APPLIED);
    AgentToServer applied =
        server.received.stream()
            .filter(m -> m.getRemoteConfigStatus().getStatus().getNumber() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(applied.getRemoteConfigStatus().getLastRemoteConfigHash()).isEqualTo(CONFIG_HASH);
    assertThat(applied.getEffectiveConfig().getConfigMap()).isEqualTo(CONFIG);
    assertThat(agent.effectiveConfig()).isEqualTo(CONFIG);
  }

  @Test
  void aFailingAgentReportsFailedWithItsMessage() throws Exception {
    server.responder = SimulatedAgentTest::offeringConfig;
    start(
        server.wsUri(),
        b -> b.remoteConfig(RemoteConfigBehaviour.failAll("[error] unknown input 'tial'")));

    await()
        .until(
            () ->
                agent.remoteConfigStatus().getStatus()
                    == RemoteConfigStatuses.RemoteConfigStatuses_FAILED);
    await()
        .until(
            () ->
                server.received.stream()
                    .anyMatch(
                        m ->
                            m.getRemoteConfigStatus().getErrorMessage().contains("unknown input")));
    assertThat(agent.effectiveConfig()).isEqualTo(AgentConfigMap.getDefaultInstance());
  }

  @Test
  void restartCommandReportsANewStartTime() throws Exception {
    start(server.wsUri(), b -> b);
    long started = agent.health().getStartTimeUnixNano();
    server.push(
        ServerToAgent.newBuilder()
            .setInstanceUid(agent.instanceUid().toByteString())
            .setCommand(ServerToAgentCommand.getDefaultInstance())
            .build());

    await().until(() -> server.received.size() >= 2);
    assertThat(server.received.get(1).getHealth().getStartTimeUnixNano()).isGreaterThan(started);
    assertThat(agent.restarts()).isEqualTo(1);
  }

  @Test
  void switchesToAServerAssignedInstanceUid() throws Exception {
    InstanceUid assigned = InstanceUid.newV7(clock);
    server.responder =
        m ->
            reply(m)
                .setAgentIdentification(
                    AgentIdentification.newBuilder().setNewInstanceUid(assigned.toByteString()))
                .build();
    start(server.httpUri(), b -> b.requestInstanceUid(true));

    await().until(() -> server.received.size() >= 2);
    assertThat(server.received.get(0).getFlags()).isEqualTo(1);
    AgentToServer second = server.received.get(1);
    assertThat(second.getInstanceUid()).isEqualTo(assigned.toByteString());
    assertThat(second.hasAgentDescription()).isTrue();
    assertThat(second.getFlags()).isZero();
    assertThat(agent.instanceUid()).isEqualTo(assigned);
  }

  @Test
  void adoptsAnOfferedHeartbeatInterval() throws Exception {
    server.responder =
        m ->
            reply(m)
                .setConnectionSettings(
                    ConnectionSettingsOffers.newBuilder()
                        .setOpamp(
                            OpAMPConnectionSettings.newBuilder()
                                .setDestinationEndpoint("ws://127.0.0.1/v1/opamp")
                                .setHeartbeatIntervalSeconds(1)))
                .build();
    start(server.wsUri(), b -> b.heartbeatInterval(Duration.ofMinutes(5)));

    await().until(() -> agent.heartbeatInterval().equals(Duration.ofSeconds(1)));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.received.size() >= 3);
  }

  @Test
  void reportsHealthChangesWithComponents() throws Exception {
    start(server.wsUri(), b -> b);
    agent.unhealthy(
        "output 'es.0' failing",
        Map.of("output:es.0", ComponentHealth.newBuilder().setHealthy(false).build()));

    await().until(() -> server.received.size() >= 2);
    ComponentHealth reported = server.received.get(1).getHealth();
    assertThat(reported.getHealthy()).isFalse();
    assertThat(reported.getLastError()).isEqualTo("output 'es.0' failing");
    assertThat(reported.getComponentHealthMapMap()).containsKey("output:es.0");
  }

  @Test
  void recordsCustomMessagesAndEveryReply() throws Exception {
    start(server.wsUri(), b -> b.customCapabilities(List.of("dev.flotilla.flush")));
    CustomMessage flush =
        CustomMessage.newBuilder().setCapability("dev.flotilla.flush").setType("flush").build();
    server.push(
        ServerToAgent.newBuilder()
            .setInstanceUid(agent.instanceUid().toByteString())
            .setCustomMessage(flush)
            .build());

    await().until(() -> agent.customMessages().contains(flush));
    assertThat(agent.received()).hasSize(2);
    assertThat(server.received.get(0).getCustomCapabilities().getCapabilitiesList())
        .containsExactly("dev.flotilla.flush");
  }

  @Test
  void sendsItsHeadersAndAgentDisconnectOverWebSocket() throws Exception {
    start(server.wsUri(), b -> b.bearerToken("s3cret"));
    assertThat(server.lastHeaders).containsEntry("authorization", "Bearer s3cret");

    agent.disconnect().get(10, TimeUnit.SECONDS);
    assertThat(server.received.getLast().hasAgentDisconnect()).isTrue();
  }

  @Test
  void sendsItsHeadersAndAgentDisconnectOverHttp() throws Exception {
    start(server.httpUri(), b -> b.bearerToken("s3cret"));
    assertThat(server.lastHeaders).containsEntry("authorization", "Bearer s3cret");
    assertThat(server.lastHeaders)
        .containsEntry("opamp-instance-uid", agent.instanceUid().toString());

    agent.disconnect().get(10, TimeUnit.SECONDS);
    assertThat(server.received.getLast().hasAgentDisconnect()).isTrue();
  }

  @Test
  void reconnectsAfterADropAndReportsFullState() throws Exception {
    // A short heartbeat: should the client miss the peer's close, its next send notices instead.
    start(server.wsUri(), b -> b.heartbeatInterval(java.time.Duration.ofSeconds(1)));
    server.dropWebSockets();

    await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> server.received.stream().skip(1).anyMatch(AgentToServer::hasAgentDescription));
    AgentToServer afterReconnect =
        server.received.stream()
            .skip(1)
            .filter(AgentToServer::hasAgentDescription)
            .findFirst()
            .get();
    assertThat(afterReconnect.getSequenceNum()).isGreaterThan(1);
    await().until(agent::connected);
  }

  @Test
  void honoursRetryAfterAndResendsTheFullStatus() throws Exception {
    server.refuseHttp.set(1);
    AgentSettings settings =
        AgentSettings.builder(server.httpUri(), InstanceUid.newV7(clock)).build();
    agent = new SimulatedAgent(settings, env);
    long started = System.nanoTime();
    agent.start().get(10, TimeUnit.SECONDS);

    assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(900));
    assertThat(server.received).hasSize(2);
    assertThat(server.received.get(1).hasAgentDescription()).isTrue();
    assertThat(agent.connected()).isTrue();
  }

  @Test
  void clockDrivesStartTime() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    SimulatedAgent unstarted =
        new SimulatedAgent(
            AgentSettings.builder(server.httpUri(), InstanceUid.newV7(fixed)).build(),
            new SimEnvironment(env.httpClient(), env.scheduler(), fixed, env.io()));
    assertThat(unstarted.health().getStartTimeUnixNano())
        .isEqualTo(Instant.parse("2026-01-02T03:04:05Z").getEpochSecond() * 1_000_000_000L);
  }
}

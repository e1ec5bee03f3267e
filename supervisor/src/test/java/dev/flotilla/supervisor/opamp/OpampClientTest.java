package dev.flotilla.supervisor.opamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentIdentification;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.ConnectionSettingsOffers;
import dev.flotilla.opamp.proto.ConnectionSettingsStatuses;
import dev.flotilla.opamp.proto.OpAMPConnectionSettings;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.supervisor.agent.HostAttributes;
import dev.flotilla.supervisor.process.Backoff;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class OpampClientTest {

  @TempDir Path dir;
  private FakeOpampServer server;
  private OpampClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpampServer(0);
    client = client(server.url(), true);
    client.set(
        StatusPart.DESCRIPTION,
        AgentDescription.newBuilder()
            .addIdentifyingAttributes(HostAttributes.kv("service.name", "test"))
            .build());
    client.set(StatusPart.HEALTH, ComponentHealth.newBuilder().setHealthy(true).build());
    client.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.description() != null);
  }

  private OpampClient client(URI url, boolean gzip) {
    return new OpampClient(
        new ConnectionSettings(
            url, Map.of("Authorization", "Bearer t0ken"), Duration.ofMillis(500), gzip),
        new InstanceUidStore(dir, Clock.systemUTC()),
        0x1,
        new OpampListener() {},
        HttpClient.newHttpClient(),
        Clock.systemUTC(),
        new Backoff(Duration.ofMillis(100), Duration.ofMillis(300), RandomGenerator.getDefault()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void persistsTheInstanceUidPrivatelyAndSendsTheToken() throws Exception {
    Path file = dir.resolve("instance-uid");
    assertThat(InstanceUid.parse(Files.readString(file).strip())).isEqualTo(client.instanceUid());
    assertThat(client.instanceUid().version()).isEqualTo(7);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(server.authorizations()).contains("Bearer t0ken");
  }

  @Test
  void sendsOnlyChangesAndHeartbeats() {
    int before = server.received().size();
    await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() >= before + 2);
    assertThat(server.received().subList(before, server.received().size()))
        .allSatisfy(m -> assertThat(m.hasAgentDescription()).isFalse());
  }

  @Test
  void resendsEverythingOnReportFullState() {
    server.push(
        ServerToAgent.newBuilder()
            .setFlags(ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
            .build());
    int before = server.received().size();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                server.received().stream()
                    .skip(before)
                    .anyMatch(m -> m.hasAgentDescription() && m.hasHealth()));
  }

  @Test
  void adoptsAndPersistsANewInstanceUid() throws Exception {
    InstanceUid assigned = InstanceUid.newV7(Clock.systemUTC());
    server.push(
        ServerToAgent.newBuilder()
            .setAgentIdentification(
                AgentIdentification.newBuilder().setNewInstanceUid(assigned.toByteString()))
            .build());
    await().atMost(Duration.ofSeconds(5)).until(() -> assigned.equals(server.lastUid()));
    assertThat(Files.readString(dir.resolve("instance-uid")).strip())
        .isEqualTo(assigned.toString());
    assertThat(
            server.received().getLast().hasAgentDescription()
                || server.received().stream()
                    .anyMatch(
                        m ->
                            InstanceUid.fromBytes(m.getInstanceUid()).equals(assigned)
                                && m.hasAgentDescription()))
        .isTrue();
  }

  @Test
  void honoursRetryAfter() {
    server.failNext(503, "2");
    int failedAt = server.received().size();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.arrivals().size() > failedAt + 2);
    long failed = server.arrivals().get(failedAt + 0);
    // The 503 consumed one arrival without a recorded message; the next arrival is the retry.
    long retried = server.arrivals().get(server.arrivals().indexOf(failed) + 1);
    assertThat(Duration.ofNanos(retried - failed)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
  }

  @Test
  void switchesToOfferedEndpointOnlyAfterItWorked() throws Exception {
    var broken = "http://127.0.0.1:" + FluentBitFixture.freePort() + "/v1/opamp";
    server.push(offer(broken, ByteString.copyFromUtf8("h1")));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server.received().stream()
                    .anyMatch(
                        m ->
                            m.getConnectionSettingsStatus().getStatus()
                                == ConnectionSettingsStatuses.ConnectionSettingsStatuses_FAILED));
    try (var second = new FakeOpampServer(0)) {
      server.push(offer(second.url().toString(), ByteString.copyFromUtf8("h2")));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> second.description() != null && server.disconnected());
      assertThat(client.connected()).isTrue();
      int seen = second.received().size();
      await().atMost(Duration.ofSeconds(5)).until(() -> second.received().size() > seen + 1);
    }
  }

  private static ServerToAgent offer(String endpoint, ByteString hash) {
    return ServerToAgent.newBuilder()
        .setConnectionSettings(
            ConnectionSettingsOffers.newBuilder()
                .setHash(hash)
                .setOpamp(
                    OpAMPConnectionSettings.newBuilder()
                        .setDestinationEndpoint(endpoint)
                        .setHeartbeatIntervalSeconds(1)))
        .build();
  }

  @Test
  void sendsAgentDisconnectOnClose() {
    client.close();
    assertThat(server.disconnected()).isTrue();
  }
}

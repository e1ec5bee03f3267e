package dev.flotilla.supervisor.opamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.supervisor.agent.HostAttributes;
import dev.flotilla.supervisor.process.Backoff;
import dev.flotilla.supervisor.testing.FakeWebSocketServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WebSocketTransportTest {

  @TempDir Path dir;

  @Test
  void speaksOpampOverWebSocketReconnectsAndClosesWithDisconnect() throws Exception {
    try (var server = new FakeWebSocketServer()) {
      var client =
          new OpampClient(
              new ConnectionSettings(
                  server.url(),
                  Map.of("Authorization", "Bearer ws-token"),
                  Duration.ofSeconds(30),
                  false),
              new InstanceUidStore(dir, Clock.systemUTC()),
              0x1,
              new OpampListener() {},
              HttpClient.newHttpClient(),
              Clock.systemUTC(),
              new Backoff(
                  Duration.ofMillis(100), Duration.ofMillis(300), RandomGenerator.getDefault()));
      client.set(
          StatusPart.DESCRIPTION,
          AgentDescription.newBuilder()
              .addIdentifyingAttributes(HostAttributes.kv("service.name", "ws"))
              .build());
      client.start();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> server.received().stream().anyMatch(m -> m.hasAgentDescription()));
      assertThat(server.handshakeHeaders())
          .anyMatch(h -> h.equalsIgnoreCase("Authorization: Bearer ws-token"));

      // A push (no request pending) asking for full state is answered at once.
      int before = server.received().size();
      server.push(
          ServerToAgent.newBuilder()
              .setFlags(ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE)
              .build());
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> server.received().stream().skip(before).anyMatch(m -> m.hasAgentDescription()));

      // An unexpected drop: the client reconnects and sends its full state again.
      int beforeDrop = server.received().size();
      server.dropConnection();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  server.received().stream()
                      .skip(beforeDrop)
                      .anyMatch(m -> m.hasAgentDescription()));

      client.close();
      await().atMost(Duration.ofSeconds(5)).until(server::closeReceived);
      assertThat(server.received().getLast().hasAgentDisconnect()).isTrue();
    }
  }
}

package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.supervisor.capability.BuiltInCapabilities;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CustomCapabilityTest {

  @TempDir Path dir;

  @Test
  void advertisesBuiltInsForwardsChatOpsAndShutsTheAgentDown() throws Exception {
    List<String> forwarded = new CopyOnWriteArrayList<>();
    HttpServer chatops = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
    chatops.createContext(
        "/chatops",
        exchange -> {
          try (exchange) {
            forwarded.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] reply = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
          }
        });
    chatops.start();
    try (var server = new FakeOpampServer(0);
        var agent = new FluentBitFixture(dir)) {
      var overrides = agent.overrides(server.url());
      overrides.put(
          "chatops.forward-url", "http://127.0.0.1:" + chatops.getAddress().getPort() + "/chatops");
      var supervisor = agent.start(overrides);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> server.health() != null && server.health().getHealthy());
      assertThat(
              server.received().stream()
                  .filter(m -> m.hasCustomCapabilities())
                  .findFirst()
                  .orElseThrow()
                  .getCustomCapabilities()
                  .getCapabilitiesList())
          .contains(
              BuiltInCapabilities.SHUTDOWN,
              BuiltInCapabilities.RELOAD,
              BuiltInCapabilities.CHATOPS);

      server.push(message(BuiltInCapabilities.CHATOPS, "{\"text\":\"restart edge-7\"}"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> forwarded.contains("{\"text\":\"restart edge-7\"}"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  server.received().stream()
                      .anyMatch(
                          m ->
                              m.getCustomMessage()
                                      .getCapability()
                                      .equals(BuiltInCapabilities.CHATOPS)
                                  && m.getCustomMessage()
                                      .getData()
                                      .toStringUtf8()
                                      .startsWith("200")));

      server.push(message(BuiltInCapabilities.RELOAD, ""));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  server.received().stream()
                      .anyMatch(
                          m ->
                              m.getCustomMessage()
                                      .getCapability()
                                      .equals(BuiltInCapabilities.RELOAD)
                                  && m.getCustomMessage()
                                      .getData()
                                      .toStringUtf8()
                                      .startsWith("Reloaded")));
      assertThat(agent.get("/api/v2/reload")).isEqualTo("{\"hot_reload_count\":1}");

      server.push(message(BuiltInCapabilities.SHUTDOWN, ""));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> !supervisor.runtime().isRunning() && !server.health().getHealthy());
      assertThat(supervisor.connected()).isTrue();
    } finally {
      chatops.stop(0);
    }
  }

  private static ServerToAgent message(String capability, String data) {
    return ServerToAgent.newBuilder()
        .setCustomMessage(
            CustomMessage.newBuilder()
                .setCapability(capability)
                .setType("request")
                .setData(ByteString.copyFromUtf8(data)))
        .build();
  }
}

package dev.flotilla.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * PostgreSQL goes away while agents keep talking: OpAMP carries on from memory, operator writes are
 * refused with 503, metrics say so, and what changed meanwhile reaches the database once it is
 * back.
 */
class DatabaseOutageIT {
  /** Well below the store's 5 s connection timeout: a reply this quick did not wait on it. */
  private static final Duration QUICK = Duration.ofSeconds(4);

  @TempDir Path dir;

  @Test
  void opampCarriesOnWhilePostgresqlIsDownAndNothingIsLost() throws IOException {
    Path data = dir.resolve("pg");
    int port = freePort();
    EmbeddedPostgres postgres = start(data, port);
    String url = postgres.getJdbcUrl("postgres", "postgres");
    try (TestServer server = TestServer.start(dir.resolve("server"), c -> c.withStore(url))) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      RawAgent agent = new RawAgent(RestartIT.CAPS);
      http.send(
          RestartIT.fullState(agent.next(), "steady", RemoteConfigStatus.getDefaultInstance()));
      String path = "/api/v1/agents/" + agent.uid;
      assertThat(server.api("PUT", path + "/labels", "{\"env\":\"prod\"}").statusCode())
          .isEqualTo(200);
      RawAgent wsAgent = new RawAgent(RestartIT.CAPS);
      try (OpampWebSocket ws = OpampWebSocket.connect(server.opampWs())) {
        ws.exchange(
            RestartIT.fullState(wsAgent.next(), "socket", RemoteConfigStatus.getDefaultInstance()));

        assertThat(server.api("POST", path + "/commands", "{\"type\":\"restart\"}").statusCode())
            .isEqualTo(202);

        postgres.close();

        // delivering a queued command records its status, which must not hold the reply up
        ServerToAgent command = quickly(() -> http.send(agent.next().build()));
        assertThat(command.hasCommand()).isTrue();
        ServerToAgent reply =
            quickly(() -> http.send(agent.next().setHealth(unhealthy("disk full")).build()));
        assertThat(reply.hasErrorResponse()).isFalse();
        assertThat(reply.hasCommand()).isFalse();
        quickly(() -> http.send(agent.next().build()));
        reply = quickly(() -> ws.exchange(wsAgent.next().setHealth(unhealthy("no route")).build()));
        assertThat(reply.hasErrorResponse()).isFalse();
        RawAgent newcomer = new RawAgent(RestartIT.CAPS);
        quickly(
            () ->
                http.send(
                    RestartIT.fullState(
                        newcomer.next(), "newcomer", RemoteConfigStatus.getDefaultInstance())));
        assertThat(server.getJson("/api/v1/agents").get("total").asInt()).isEqualTo(3);
        assertThat(server.getJson(path).at("/health/lastError").asString()).isEqualTo("disk full");

        HttpResponse<String> refused = server.api("PUT", path + "/labels", "{\"env\":\"dev\"}");
        assertThat(refused.statusCode()).isEqualTo(503);
        JsonNode error = server.json(refused.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("unavailable");
        assertThat(error.get("status").asInt()).isEqualTo(503);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(server.getJson(path).at("/labels/env").asString()).isEqualTo("prod");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> metric(server, "flotilla_store_up") == 0);
        // still alive (agents are served), not ready (operator writes are refused), and it says why
        HttpResponse<String> health = server.api("GET", "/healthz", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("store unavailable since");
        HttpResponse<String> ready = server.api("GET", "/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("store unavailable since");
        assertThat(metric(server, "flotilla_store_batch_failures_total")).isPositive();
        assertThat(metric(server, "flotilla_store_pending{kind=\"agents\"}")).isPositive();
        assertThat(metric(server, "flotilla_store_pending{kind=\"events\"}")).isPositive();

        postgres = start(data, port);

        await()
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(metric(server, "flotilla_store_up")).isEqualTo(1);
                  assertThat(metric(server, "flotilla_store_pending{kind=\"agents\"}")).isZero();
                  assertThat(metric(server, "flotilla_store_pending{kind=\"events\"}")).isZero();
                });
        assertThat(server.api("PUT", path + "/labels", "{\"env\":\"dev\"}").statusCode())
            .isEqualTo(200);

        // What the database now holds is what a restarted server sees.
        server.restart();
        ws.awaitClose();
        JsonNode commands = server.getJson(path + "/commands");
        assertThat(commands.get(0).get("status").asString()).isEqualTo("sent");
        ServerToAgent afterRestart = new OpampHttp(server.opampHttp()).send(agent.next().build());
        assertThat(afterRestart.hasCommand()).as("delivered once only").isFalse();
        JsonNode stored = server.getJson(path);
        assertThat(stored.at("/health/lastError").asString()).isEqualTo("disk full");
        assertThat(stored.at("/labels/env").asString()).isEqualTo("dev");
        assertThat(stored.get("sequenceNum").asLong()).isEqualTo(agent.seq);
        assertThat(stored.at("/health/healthy").asBoolean()).isFalse();
        assertThat(server.getJson(path + "/events?limit=1000").toString())
            .contains("unhealthy: disk full");
        assertThat(
                server.getJson("/api/v1/agents/" + wsAgent.uid).at("/health/lastError").asString())
            .isEqualTo("no route");
        assertThat(
                server
                    .getJson("/api/v1/agents/" + newcomer.uid)
                    .at("/description/identifying/service.instance.id")
                    .asString())
            .isEqualTo("newcomer");
      }
    } finally {
      postgres.close();
    }
  }

  private static ComponentHealth unhealthy(String error) {
    return ComponentHealth.newBuilder().setHealthy(false).setLastError(error).build();
  }

  private static <T> T quickly(Supplier<T> exchange) {
    long start = System.nanoTime();
    T reply = exchange.get();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICK);
    return reply;
  }

  private static double metric(TestServer server, String sample) {
    String text = server.api("GET", "/metrics", null).body();
    for (String line : text.split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + sample);
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

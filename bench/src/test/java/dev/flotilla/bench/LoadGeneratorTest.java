package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LoadGeneratorTest {

  @Test
  @Timeout(30)
  void drivesPollingAgentsAgainstAnEndpointAndReports() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/opamp",
        exchange -> {
          requests.incrementAndGet();
          AgentToServer m = AgentToServer.parseFrom(exchange.getRequestBody().readAllBytes());
          byte[] reply =
              ServerToAgent.newBuilder()
                  .setInstanceUid(m.getInstanceUid())
                  .setCapabilities(1)
                  .build()
                  .toByteArray();
          exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, reply.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
          }
        });
    server.start();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      LoadOptions options =
          LoadOptions.parse(
              List.of(
                  "--opamp-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/opamp",
                  "--agents", "20",
                  "--ramp", "200",
                  "--heartbeat", "200ms",
                  "--duration", "1s"));
      int code =
          new LoadGenerator(
                  options,
                  Clock.systemUTC(),
                  new PrintStream(captured, true, StandardCharsets.UTF_8))
              .run();

      String report = captured.toString(StandardCharsets.UTF_8);
      assertThat(code).as(report).isZero();
      assertThat(report).contains("agents connected        20 / 20");
      assertThat(report).containsPattern("latency steady +p50 [0-9.]+ ms");
      assertThat(requests.get()).isGreaterThan(20 * 3);
    } finally {
      server.stop(0);
    }
  }
}

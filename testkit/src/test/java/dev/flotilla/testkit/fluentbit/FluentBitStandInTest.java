package dev.flotilla.testkit.fluentbit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.testkit.launch.StandInExecutable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluentBitStandInTest {

  @TempDir Path dir;
  private Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Path config(int port, String extra) throws IOException {
    Path file = dir.resolve("fluent-bit.yaml");
    Files.writeString(
        file,
        """
        service:
          http_server: on
          http_listen: 127.0.0.1
          http_port: %d
          hot_reload: on
        pipeline:
          inputs:
            - name: dummy
              alias: demo_dummy
          outputs:
            - name: null
              match: '*'
        %s"""
            .formatted(port, extra));
    return file;
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void dryRunAndVersionExitCodes() throws Exception {
    Path exe = StandInExecutable.fluentBit(dir);
    Path good = config(2020, "");
    var schema = new ProcessBuilder(exe.toString(), "-J").start();
    byte[] dumped = schema.getInputStream().readAllBytes();
    assertThat(schema.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(dumped)
        .isEqualTo(
            FluentBitStandIn.class
                .getResourceAsStream("fluent-bit-schema-5.1.1.json")
                .readAllBytes());
    var version = new ProcessBuilder(exe.toString(), "-V").start();
    assertThat(version.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(version.getInputStream().readAllBytes())).startsWith("Fluent Bit v5.1.1");
    var ok = new ProcessBuilder(exe.toString(), "--dry-run", "-c", good.toString()).start();
    assertThat(ok.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).isZero();
    Files.writeString(good, Files.readString(good).replace("name: dummy", "name: does_not_exist"));
    var bad = new ProcessBuilder(exe.toString(), "-D", "-c", good.toString()).start();
    assertThat(bad.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.exitValue()).isEqualTo(1);
    assertThat(new String(bad.getErrorStream().readAllBytes()))
        .contains("tried to instance a plugin name that doesn't exist");
  }

  @Test
  void servesMonitoringApiAndReloads() throws Exception {
    int port = freePort();
    Path file = config(port, "");
    process =
        new ProcessBuilder(StandInExecutable.fluentBit(dir).toString(), "-c", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("agent.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> get(port, "/api/v1/metrics").statusCode() == 200);
    assertThat(get(port, "/api/v1/metrics").body()).contains("\"demo_dummy\"", "\"null.0\"");
    assertThat(get(port, "/api/v2/health").body()).startsWith("{\"status\":\"ok\"");
    var post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/reload"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.body()).isEqualTo("{\"reload\":\"done\",\"status\":0}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(port, "/api/v2/reload").body().equals("{\"hot_reload_count\":1}"));
  }
}

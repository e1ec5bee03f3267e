package dev.flotilla.testkit.fluentd;

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

class FluentdStandInTest {

  @TempDir Path dir;
  private Process process;
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void kill() {
    if (process != null) {
      process.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private String get(int port, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Test
  void servesMonitorAgentAndGracefullyReloadsOnlyGoodConfigs() throws Exception {
    int monitor = freePort();
    int rpc = freePort();
    Path conf = dir.resolve("fluent.conf");
    String good =
        """
        <system>
          rpc_endpoint 127.0.0.1:%d
          enable_get_dump true
        </system>
        <source>
          @type monitor_agent
          bind 127.0.0.1
          port %d
        </source>
        <match **>
          @type null
          @id out_null
        </match>
        """
            .formatted(rpc, monitor);
    Files.writeString(conf, good);
    Path exe = StandInExecutable.fluentd(dir.resolve("bin"));
    var version = new ProcessBuilder(exe.toString(), "--version").start();
    assertThat(version.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(version.getInputStream().readAllBytes())).startsWith("fluentd 1.16.11");

    process =
        new ProcessBuilder(exe.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> get(monitor, "/api/plugins.json").contains("\"out_null\""));
    assertThat(get(monitor, "/api/config.json"))
        .contains("\"version\":\"1.16.11\"")
        .contains("\"ppid\":" + process.pid() + ",")
        .doesNotContain("\"pid\":" + process.pid() + ",");
    assertThat(process.descendants().count()).isEqualTo(1);

    Files.writeString(conf, good.replace("@type null", "@type no_such_output_plugin"));
    assertThat(get(rpc, "/api/config.gracefulReload")).isEqualTo("{\"ok\":true}");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Files.readString(dir.resolve("out.log")).contains("Failed to reload config file"));
    assertThat(process.isAlive()).isTrue();

    Files.writeString(conf, good.replace("out_null", "out_renamed"));
    get(rpc, "/api/config.gracefulReload");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(monitor, "/api/plugins.json").contains("out_renamed"));

    process.destroy();
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
  }

  @Test
  void reloadWithABadConfigStopsEverythingWithStatusTwo() throws Exception {
    int rpc = freePort();
    Path conf = dir.resolve("fluent.conf");
    String good =
        "<system>\n  rpc_endpoint 127.0.0.1:%d\n</system>\n<match **>\n  @type null\n</match>\n"
            .formatted(rpc);
    Files.writeString(conf, good);
    process =
        new ProcessBuilder(
                StandInExecutable.fluentd(dir.resolve("bin")).toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("out.log").toFile())
            .start();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> get(rpc, "/api/nothing").contains("Not Found"));
    Files.writeString(conf, good.replace("@type null", "@type no_such_output_plugin"));
    get(rpc, "/api/config.reload");
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
  }
}

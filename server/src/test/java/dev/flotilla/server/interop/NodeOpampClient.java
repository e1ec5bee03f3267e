package dev.flotilla.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * {@code @elastic/opamp-client-node} driven by {@code src/test/node/run-client.js} in a child
 * process, with the JSON lines it prints collected as events. Installs the pinned package with
 * {@code npm ci} when {@code node_modules} is missing.
 */
final class NodeOpampClient implements AutoCloseable {
  static final Path DIR = Path.of("src", "test", "node");

  final List<JsonNode> events = new CopyOnWriteArrayList<>();
  private final Process process;
  private final Path stderr;

  private NodeOpampClient(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    Thread.ofVirtual().start(this::readEvents);
  }

  static boolean nodeAvailable() {
    try {
      Process p =
          new ProcessBuilder("node", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the client against {@code endpoint} for {@code seconds}; {@code token} may be null. */
  static NodeOpampClient start(URI endpoint, int seconds, String token)
      throws IOException, InterruptedException {
    installIfMissing();
    List<String> command =
        new ArrayList<>(List.of("node", "run-client.js", endpoint.toString(), "" + seconds));
    if (token != null) {
      command.add(token);
    }
    Path stderr = Files.createTempFile("node-opamp-client", ".log");
    Process process =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectError(stderr.toFile()).start();
    return new NodeOpampClient(process, stderr);
  }

  private static void installIfMissing() throws IOException, InterruptedException {
    if (Files.isDirectory(DIR.resolve("node_modules/@elastic/opamp-client-node"))) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
    assertThat(npm.exitValue()).as("npm ci exit code").isZero();
  }

  Optional<JsonNode> event(String kind) {
    return events.stream().filter(e -> FleetApi.text(e, "/event").equals(kind)).findFirst();
  }

  JsonNode awaitEvent(String kind, Duration patience) {
    return await().atMost(patience).until(() -> event(kind), Optional::isPresent).get();
  }

  /** The instance uid the client generated, from its {@code start} event. */
  String instanceUid(Duration patience) {
    return FleetApi.text(awaitEvent("start", patience), "/instanceUid");
  }

  private void readEvents() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("{")) {
          events.add(FleetApi.JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    Files.deleteIfExists(stderr);
  }
}

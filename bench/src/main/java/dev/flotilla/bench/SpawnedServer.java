package dev.flotilla.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Flotilla server started by the load generator: {@code FLOTILLA_BIN server} on free loopback
 * ports with a temporary data dir, its output in {@code server.log} there. Closing stops it
 * (SIGTERM, then SIGKILL after 20 s) and deletes the data dir.
 */
final class SpawnedServer implements AutoCloseable {
  private final Process process;
  private final Path dataDir;
  private final int opampPort;
  private final int apiPort;

  private SpawnedServer(Process process, Path dataDir, int opampPort, int apiPort) {
    this.process = process;
    this.dataDir = dataDir;
    this.opampPort = opampPort;
    this.apiPort = apiPort;
  }

  static SpawnedServer start(Path launcher, String jvmOptions, List<String> extraArgs)
      throws IOException {
    if (!Files.isExecutable(launcher)) {
      throw new IOException("not an executable flotilla launcher: " + launcher);
    }
    int opampPort = freePort();
    int apiPort = freePort();
    Path dataDir = Files.createTempDirectory("flotilla-bench-");
    List<String> command =
        new ArrayList<>(
            List.of(
                launcher.toString(),
                "server",
                "--opamp-port",
                Integer.toString(opampPort),
                "--api-port",
                Integer.toString(apiPort),
                "--data-dir",
                dataDir.toString(),
                "--no-auth",
                // every simulated agent comes from this one host: its address must not be the limit
                "--max-requests-per-second-per-source",
                "10000000"));
    command.addAll(extraArgs);
    ProcessBuilder builder = new ProcessBuilder(command);
    // The java launcher itself reads this, whatever the script does with JAVA_OPTS.
    builder.environment().put("JDK_JAVA_OPTIONS", jvmOptions);
    builder.redirectErrorStream(true);
    builder.redirectOutput(dataDir.resolve("server.log").toFile());
    return new SpawnedServer(builder.start(), dataDir, opampPort, apiPort);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  URI opampUrl(String transport) {
    String scheme = transport.equals("http") ? "http" : "ws";
    return URI.create(scheme + "://127.0.0.1:" + opampPort + "/v1/opamp");
  }

  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + apiPort);
  }

  Path log() {
    return dataDir.resolve("server.log");
  }

  /**
   * The server JVM's pid: the launched process if it is java itself (the script exec'd), else its
   * java descendant.
   */
  long javaPid() {
    ProcessHandle root = process.toHandle();
    if (isJava(root)) {
      return root.pid();
    }
    return root.descendants().filter(SpawnedServer::isJava).findFirst().orElse(root).pid();
  }

  private static boolean isJava(ProcessHandle p) {
    Optional<String> command = p.info().command();
    return command.isPresent() && Path.of(command.get()).getFileName().toString().equals("java");
  }

  /** Waits until the REST API answers (any status), or fails after {@code timeout}. */
  void awaitReady(HttpClient client, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(apiUrl().resolve("/api/v1/agents"))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "server exited with " + process.exitValue() + "; see " + log() + ":\n" + tail());
      }
      try {
        client.send(request, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        TimeUnit.MILLISECONDS.sleep(200);
      }
    }
    throw new IOException("server did not answer within " + timeout + "; see " + log());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log());
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> tree =
        Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants()).toList();
    tree.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        tree.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      tree.forEach(ProcessHandle::destroyForcibly);
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not delete " + dataDir + ": " + e);
    }
  }
}

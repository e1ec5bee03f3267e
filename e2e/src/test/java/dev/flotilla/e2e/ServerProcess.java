package dev.flotilla.e2e;

import static org.awaitility.Awaitility.await;

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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Flotilla server in a child JVM ({@link ServerMain} on this JVM's class path) that can be killed
 * with SIGKILL and started again on the same ports, data folder and store. Each start writes its
 * output to its own {@code server-N.log} in the data folder.
 */
final class ServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path dataDir;
  private final String store;
  private final int opampPort;
  private final int apiPort;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;
  private Path log;
  private int starts;

  /**
   * @param store a JDBC URL, or null for SQLite in {@code dataDir}
   */
  ServerProcess(Path dataDir, String store) throws IOException {
    this.dataDir = dataDir;
    this.store = store;
    this.opampPort = freePort();
    this.apiPort = freePort();
    Files.createDirectories(dataDir);
  }

  URI webSocketUrl() {
    return URI.create("ws://127.0.0.1:" + opampPort + "/v1/opamp");
  }

  String apiUrl() {
    return "http://127.0.0.1:" + apiPort;
  }

  /** Starts the server and waits until {@code /healthz} answers {@code ok}. */
  void start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(
        List.of(
            "-Xmx384m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError"));
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
    command.addAll(
        List.of(
            "--data-dir", dataDir.toString(),
            "--opamp-port", Integer.toString(opampPort),
            "--api-port", Integer.toString(apiPort),
            "--approval-mode", "manual",
            "--flush-millis", "1000"));
    if (store != null) {
      command.addAll(List.of("--store", store));
    }
    log = dataDir.resolve("server-" + ++starts + ".log");
    process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Process started = process;
    await("server start " + starts + " (see " + log + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .failFast("the server exited; see " + log, () -> !started.isAlive())
        .until(this::healthy);
  }

  /** True when {@code /healthz} answers 200 {@code ok}: the store is up and written to. */
  boolean healthy() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(apiUrl() + "/healthz"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().startsWith("ok");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * SIGKILL (on Linux {@link Process#destroyForcibly()} sends it) and waits for the exit.
   *
   * @throws IllegalStateException when the process did not die from the signal or ran its shutdown
   *     hook, i.e. when the kill was not a hard one
   */
  void kill() throws IOException, InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server did not exit 30 s after SIGKILL");
    }
    int exit = process.exitValue();
    String output = Files.readString(log);
    if (exit != 128 + 9 || output.contains(ServerMain.SHUTDOWN_HOOK)) {
      throw new IllegalStateException(
          "not a hard kill: exit "
              + exit
              + ", output:\n"
              + output.substring(output.length() > 2000 ? output.length() - 2000 : 0));
    }
    process = null;
  }

  /** Stops it gracefully (SIGTERM: the shutdown hook closes the server). */
  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

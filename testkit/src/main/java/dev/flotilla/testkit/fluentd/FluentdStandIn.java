package dev.flotilla.testkit.fluentd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A stand-in {@code fluentd} 1.16 for tests, run as a real process: a supervisor process that
 * validates the config, serves the RPC endpoint and spawns one worker process ({@link
 * FluentdWorker}) with the same arguments plus {@code --under-supervisor}. Reload semantics follow
 * the real agent: {@code config.gracefulReload} keeps the worker PID and keeps the old pipeline on
 * a bad config ({@code Failed to reload config file}); {@code config.reload}/SIGHUP replace the
 * worker, and a bad config then stops everything with exit 2; a worker that crashes otherwise is
 * restarted; SIGTERM and {@code killWorkers} exit 0.
 */
public final class FluentdStandIn {

  static final String VERSION = "1.16.11";
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

  private final Path configPath;
  private final List<String> args;
  private volatile FluentdConfig running;
  private volatile Process worker;
  private volatile boolean stopping;

  private FluentdStandIn(Path configPath, List<String> args) {
    this.configPath = configPath;
    this.args = List.copyOf(args);
  }

  public static void main(String[] args) throws Exception {
    Path config = null;
    boolean dryRun = false;
    boolean underSupervisor = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-c", "--config" -> config = Path.of(args[++i]);
        case "--dry-run" -> dryRun = true;
        case "--under-supervisor" -> underSupervisor = true;
        case "-q", "-qq", "--no-supervisor", "--suppress-config-dump" -> {}
        case "--version" -> {
          System.out.println("fluentd " + VERSION);
          System.exit(0);
        }
        default -> {
          System.err.println("fluentd: invalid option: " + args[i]);
          System.exit(1);
        }
      }
    }
    if (underSupervisor) {
      new FluentdWorker(config).run();
      return;
    }
    var standIn = new FluentdStandIn(config, List.of(args));
    if (dryRun) {
      System.exit(standIn.dryRun());
    }
    standIn.run();
  }

  private int dryRun() {
    log("info", "starting fluentd-" + VERSION + " as dry run mode ruby=\"3.1.2\"");
    try {
      FluentdConfig.read(configPath);
      log("info", "finished dry run mode");
      return 0;
    } catch (FluentdConfig.ConfigException e) {
      report(e);
      return 1;
    }
  }

  private static void report(FluentdConfig.ConfigException e) {
    if (e.syntax) {
      System.err.println(e.getMessage());
    } else {
      log("error", e.getMessage());
    }
  }

  private void run() throws Exception {
    try {
      running = FluentdConfig.read(configPath);
    } catch (FluentdConfig.ConfigException e) {
      report(e);
      System.exit(1);
      return;
    }
    log("info", "starting fluentd-" + VERSION + " pid=" + ProcessHandle.current().pid());
    String rpcEndpoint = running.system().get("rpc_endpoint");
    if (rpcEndpoint != null) {
      String[] hostPort = rpcEndpoint.split(":");
      var rpc =
          HttpServer.create(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 8);
      rpc.createContext("/", this::rpc);
      rpc.setExecutor(Executors.newSingleThreadExecutor());
      rpc.start();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::terminate));
    spawnWorker();
    new CountDownLatch(1).await();
  }

  private void terminate() {
    stopping = true;
    log("info", "Received graceful stop");
    Process w = worker;
    if (w != null) {
      w.destroy();
      try {
        w.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log("info", "Worker 0 finished with status 0");
    // A JVM ended by SIGTERM reports 143; Fluentd exits 0 after a graceful stop.
    Runtime.getRuntime().halt(0);
  }

  private synchronized void spawnWorker() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.add(FluentdStandIn.class.getName());
    command.addAll(args);
    command.add("--under-supervisor");
    log("info", "spawn command to main:  cmdline=" + command);
    Process w =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    worker = w;
    w.onExit().thenAccept(this::workerExited);
  }

  private void workerExited(Process w) {
    if (stopping || w != worker) {
      return;
    }
    int status = w.exitValue();
    log("error", "Worker 0 finished unexpectedly with status " + status);
    if (status == 2) {
      log("info", "Received graceful stop");
      Runtime.getRuntime().halt(2);
    }
    try {
      spawnWorker();
    } catch (IOException e) {
      Runtime.getRuntime().halt(1);
    }
  }

  private void rpc(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestURI().getPath()) {
        case "/api/config.gracefulReload" -> {
          send(exchange, 200, "{\"ok\":true}");
          Thread.ofPlatform().daemon().start(this::gracefulReload);
        }
        case "/api/config.reload" -> {
          send(exchange, 200, "{\"ok\":true}");
          Thread.ofPlatform().daemon().start(this::replaceWorker);
        }
        case "/api/config.getDump" -> {
          if (!"true".equals(running.system().get("enable_get_dump"))) {
            send(exchange, 404, "<html><body>Not Found</body></html>");
          } else {
            send(
                exchange,
                200,
                "{\"conf\":" + FluentdWorker.quote(running.text()) + ",\"ok\":true}");
          }
        }
        case "/api/processes.killWorkers" -> {
          send(exchange, 200, "{\"ok\":true}");
          Thread.ofPlatform().start(() -> System.exit(0));
        }
        default -> send(exchange, 404, "<html><body>Not Found</body></html>");
      }
    }
  }

  private void gracefulReload() {
    log("info", "Reloading new config");
    try {
      running = FluentdConfig.read(configPath);
    } catch (FluentdConfig.ConfigException e) {
      log("error", "Failed to reload config file: " + e.getMessage());
      return;
    }
    try {
      OutputStream control = worker.getOutputStream();
      control.write("graceful-reload\n".getBytes(StandardCharsets.UTF_8));
      control.flush();
    } catch (IOException e) {
      log("error", "could not signal the worker: " + e.getMessage());
    }
  }

  private void replaceWorker() {
    Process old = worker;
    worker = null;
    old.destroy();
    try {
      old.waitFor();
      log("info", "Worker 0 finished unexpectedly with status 0");
      running = FluentdConfig.read(configPath);
    } catch (FluentdConfig.ConfigException e) {
      // The new worker reads the bad config and exits 2, which stops everything.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      spawnWorker();
    } catch (IOException e) {
      Runtime.getRuntime().halt(1);
    }
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", body.startsWith("<") ? "text/html" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static void log(String level, String message) {
    System.out.println(ZonedDateTime.now().format(LOG_TIME) + " [" + level + "]: " + message);
    System.out.flush();
  }
}

package dev.flotilla.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Overloads a spawned server in five ways (one agent flooding, ten times the global rate from many
 * agents, slowloris bodies, oversized REST bodies, thousands of idle WebSockets) while well-behaved
 * clients keep polling, and prints per scenario what the attack got (served, refused, dropped) and
 * what the well-behaved clients saw. See docs/bench.md.
 */
public final class OverloadBench {
  private static final Pattern WS_GAUGE =
      Pattern.compile(
          "^flotilla_websocket_connections(?:\\{[^}]*})?\\s+([0-9.eE+]+)", Pattern.MULTILINE);
  private static final int REST_BODY_BYTES = 20 * 1024 * 1024;
  private static final int REST_POSTS = 20;

  private final OverloadOptions options;
  private final Clock clock;
  private final PrintStream out;
  private final long startNanos = System.nanoTime();
  private final HttpClient goodClient = http();
  private final HttpClient attackClient = http();

  /** One scenario's outcome: the attack's answers, the well-behaved clients', and a remark. */
  record Row(String scenario, Tally attack, String goodClients, Tally good, String note) {}

  OverloadBench(OverloadOptions options, Clock clock, PrintStream out) {
    this.options = options;
    this.clock = clock;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    OverloadOptions options =
        BenchArgs.parseOrExit(args, OverloadOptions.USAGE, OverloadOptions::parse);
    System.exit(new OverloadBench(options, Clock.systemUTC(), System.out).run());
  }

  private static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Runs every scenario; 0 when the well-behaved clients got at least 95 % 2xx in each. */
  int run() throws IOException, InterruptedException {
    try (SpawnedServer server =
        SpawnedServer.start(
            options.spawnServer(), options.serverJvmOptions(), options.serverFlags())) {
      server.awaitReady(goodClient, Duration.ofSeconds(90));
      log(
          "spawned server pid %d, OpAMP %s, API %s, flags %s",
          server.javaPid(), server.opampUrl("http"), server.apiUrl(), options.serverFlags());
      List<Row> rows = new ArrayList<>();
      for (String scenario : options.scenarios()) {
        log("scenario %s", scenario);
        Row row =
            switch (scenario) {
              case "flood" -> flood(server);
              case "10x-rate" -> tenTimesRate(server);
              case "slowloris" -> slowloris(server);
              case "oversized-rest" -> oversizedRest(server);
              default -> idleWebSockets(server);
            };
        rows.add(row);
        log("%s done: attack %s | good %s", scenario, row.attack().detail(), row.good().detail());
        TimeUnit.SECONDS.sleep(2); // let the rate buckets refill between scenarios
      }
      new OverloadReport(options, rows).print(out);
      return rows.stream().allMatch(r -> r.good().okShare() >= 0.95) ? 0 : 1;
    }
  }

  /**
   * Runs {@code attack} while the well-behaved pollers poll; their tally starts after a warm-up.
   */
  private Tally withPollers(SpawnedServer server, Attack attack) throws InterruptedException {
    PacedAgents pollers =
        new PacedAgents(
                goodClient,
                server.opampUrl("http"),
                options.pollers(),
                Duration.ofSeconds(1),
                "poller",
                clock)
            .start();
    TimeUnit.SECONDS.sleep(2);
    Tally good = pollers.measure();
    try {
      attack.run();
    } finally {
      pollers.close();
    }
    return good;
  }

  interface Attack {
    void run() throws InterruptedException;
  }

  private Row flood(SpawnedServer server) throws InterruptedException {
    Tally attack = new Tally();
    OpampPoster flooder =
        new OpampPoster(
            attackClient,
            server.opampUrl("http"),
            dev.flotilla.opamp.InstanceUid.newV7(clock),
            "flooder",
            Duration.ofSeconds(5));
    int connections = 8;
    Tally good =
        withPollers(
            server,
            () -> {
              long deadline = System.nanoTime() + options.scenarioDuration().toNanos();
              try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < connections; i++) {
                  threads.submit(
                      () -> {
                        while (System.nanoTime() < deadline) {
                          flooder.post(attack).join();
                        }
                      });
                }
              }
            });
    return new Row(
        "flood",
        attack,
        options.pollers() + " pollers",
        good,
        "1 uid, " + connections + " connections");
  }

  private Row tenTimesRate(SpawnedServer server) throws InterruptedException {
    int agents = options.rateAgents();
    Duration period = Duration.ofNanos(2_000_000_000L / options.perAgentRate());
    Tally[] attack = new Tally[1];
    Tally good =
        withPollers(
            server,
            () -> {
              PacedAgents rate =
                  new PacedAgents(
                      attackClient, server.opampUrl("http"), agents, period, "rate", clock);
              attack[0] = rate.measure();
              rate.start();
              TimeUnit.NANOSECONDS.sleep(options.scenarioDuration().toNanos());
              rate.close();
            });
    return new Row(
        "10x-rate",
        attack[0],
        options.pollers() + " pollers",
        good,
        String.format(
            "%d uids × %.1f/s = %d/s offered",
            agents, 1e9 / period.toNanos(), Math.round(agents * 1e9 / period.toNanos())));
  }

  private Row slowloris(SpawnedServer server) throws InterruptedException {
    Tally attack = new Tally();
    URI opamp = server.opampUrl("http");
    SlowBodies slow =
        new SlowBodies(
            new InetSocketAddress(opamp.getHost(), opamp.getPort()),
            50,
            Duration.ofSeconds(2),
            clock);
    Tally good = withPollers(server, () -> slow.run(options.scenarioDuration(), attack));
    return new Row(
        "slowloris",
        attack,
        options.pollers() + " pollers",
        good,
        "50 sockets, 1 byte / 2 s, read timeout " + options.readTimeout().toMillis() + " ms");
  }

  private Row oversizedRest(SpawnedServer server) throws InterruptedException {
    Tally attack = new Tally();
    Tally good = new Tally();
    byte[] body = new byte[REST_BODY_BYTES];
    java.util.Arrays.fill(body, (byte) 'a');
    long deadline = System.nanoTime() + options.scenarioDuration().toNanos();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      threads.submit(
          () -> {
            HttpRequest summary =
                HttpRequest.newBuilder(server.apiUrl().resolve("/api/v1/summary"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            while (System.nanoTime() < deadline) {
              timed(goodClient, summary, good);
              TimeUnit.MILLISECONDS.sleep(200);
            }
            return null;
          });
      java.util.concurrent.Semaphore parallel = new java.util.concurrent.Semaphore(5);
      for (int i = 0; i < REST_POSTS; i++) {
        parallel.acquire();
        threads.submit(
            () -> {
              try {
                timed(
                    attackClient,
                    HttpRequest.newBuilder(server.apiUrl().resolve("/api/v1/configs/x/versions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                    attack);
              } finally {
                parallel.release();
              }
              return null;
            });
      }
    }
    return new Row(
        "oversized-rest",
        attack,
        "GET /summary every 200 ms",
        good,
        REST_POSTS + " × 20 MB, 5 at a time");
  }

  private static void timed(HttpClient client, HttpRequest request, Tally tally)
      throws InterruptedException {
    long start = System.nanoTime();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      tally.answered(
          response.statusCode(),
          response.headers().firstValue("Retry-After").isPresent(),
          System.nanoTime() - start);
    } catch (IOException e) {
      tally.dropped(e);
    }
  }

  private Row idleWebSockets(SpawnedServer server) throws InterruptedException {
    HttpClient wsClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try (IdleWebSockets idle = new IdleWebSockets(wsClient, server.opampUrl("websocket"), clock)) {
      long start = System.nanoTime();
      int opened = idle.open(options.idleWebSockets(), Duration.ofSeconds(60));
      log(
          "%d of %d WebSockets open after %.1f s, failures %s",
          opened, options.idleWebSockets(), (System.nanoTime() - start) / 1e9, idle.failures());
      Tally good =
          withPollers(
              server, () -> TimeUnit.NANOSECONDS.sleep(options.scenarioDuration().toNanos()));
      String note =
          String.format(
              "%d/%d opened, %d open at end, server gauge %s%s",
              opened,
              options.idleWebSockets(),
              idle.stillOpen(),
              webSocketGauge(server),
              idle.failed() > 0 ? ", limit hit: " + idle.failures() : "");
      return new Row("idle-websockets", new Tally(), options.pollers() + " pollers", good, note);
    }
  }

  private String webSocketGauge(SpawnedServer server) throws InterruptedException {
    try {
      String metrics =
          goodClient
              .send(
                  HttpRequest.newBuilder(server.apiUrl().resolve("/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = WS_GAUGE.matcher(metrics);
      return m.find() ? String.valueOf((long) Double.parseDouble(m.group(1))) : "n/a";
    } catch (IOException e) {
      return "n/a";
    }
  }

  private void log(String format, Object... args) {
    out.printf(
        "[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, String.format(format, args));
  }
}

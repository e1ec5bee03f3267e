package dev.flotilla.testkit.fluentbit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Executors;

/** The stand-in's HTTP monitoring server: the §5.2 endpoints with the real agent's quirks. */
final class MonitoringApi {

  private static final String JSON = "application/json";
  private final HttpServer server;
  private final FluentBitStandIn agent;

  private MonitoringApi(HttpServer server, FluentBitStandIn agent) {
    this.server = server;
    this.agent = agent;
  }

  static MonitoringApi start(String listen, int port, FluentBitStandIn agent) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(listen, port), 16);
      var api = new MonitoringApi(server, agent);
      server.createContext("/", api::handle);
      server.setExecutor(Executors.newFixedThreadPool(2));
      server.start();
      return api;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("server", "Fluent Bit");
      exchange.getResponseHeaders().set("x-http-engine", "Monkey heritage");
      String path = exchange.getRequestURI().getPath();
      boolean warm = agent.uptimeMillis() >= 1000;
      switch (path) {
        case "/" -> send(exchange, 200, JSON, FluentBitStandIn.resource("root.json"));
        case "/api/v1/uptime" -> send(exchange, 200, JSON, uptime());
        case "/api/v1/plugins" ->
            send(exchange, 200, JSON, FluentBitStandIn.resource("api_v1_plugins.json"));
        case "/api/v1/metrics" -> {
          if (warm) {
            send(exchange, 200, JSON, metrics());
          } else {
            send(exchange, 404, null, "");
          }
        }
        case "/api/v1/health" -> {
          if (agent.running().flag("health_check")) {
            boolean bad = unhealthy();
            send(exchange, bad ? 500 : 200, null, bad ? "error\n" : "ok\n");
          } else {
            send(exchange, 404, null, "");
          }
        }
        case "/api/v2/health" -> send(exchange, unhealthy() ? 500 : 200, JSON, health());
        case "/api/v1/storage" -> {
          if (agent.uptimeMillis() >= 5000) {
            send(
                exchange,
                200,
                JSON,
                "{\"storage_layer\":{\"chunks\":{\"total_chunks\":0,"
                    + "\"mem_chunks\":0,\"fs_chunks\":0,\"fs_chunks_up\":0,\"fs_chunks_down\":0}},"
                    + "\"input_chunks\":{}}");
          } else {
            send(exchange, 404, null, "");
          }
        }
        case "/api/v2/reload" -> reload(exchange);
        default -> send(exchange, 404, null, "");
      }
    }
  }

  private void reload(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) {
      send(exchange, 200, JSON, "{\"hot_reload_count\":" + agent.reloadCount() + "}");
      return;
    }
    if (!method.equals("POST") && !method.equals("PUT")) {
      exchange.getResponseHeaders().set("allow", "GET, POST, PUT");
      send(exchange, 405, null, "");
      return;
    }
    if (exchange.getRequestHeaders().getFirst("Content-Length") == null
        && exchange.getRequestHeaders().getFirst("Transfer-Encoding") == null) {
      // The real agent closes the connection without any reply and does not reload.
      exchange.close();
      return;
    }
    exchange.getRequestBody().readAllBytes();
    if (!agent.hotReloadEnabled()) {
      send(exchange, 200, JSON, "{\"reload\":\"not enabled\",\"status\":-1}");
    } else if (agent.reloading()) {
      send(exchange, 400, JSON, "{\"reload\":\"in progress\",\"status\":-2}");
    } else {
      agent.requestReload();
      send(exchange, 200, JSON, "{\"reload\":\"done\",\"status\":0}");
    }
  }

  private String uptime() {
    long s = agent.uptimeSeconds();
    return "{\"uptime_sec\":"
        + s
        + ",\"uptime_hr\":\"Fluent Bit has been running:  "
        + unit(s / 86400, "day")
        + ", "
        + unit(s / 3600 % 24, "hour")
        + ", "
        + unit(s / 60 % 60, "minute")
        + " and "
        + unit(s % 60, "second")
        + "\"}";
  }

  private static String unit(long value, String name) {
    return value + " " + name + (value > 1 ? "s" : "");
  }

  private String metrics() {
    long records = agent.uptimeSeconds();
    Map<String, StringJoiner> kinds = new LinkedHashMap<>();
    Map<String, Integer> indexes = new LinkedHashMap<>();
    for (String kind : List.of("input", "filter", "output")) {
      kinds.put(kind, new StringJoiner(","));
      indexes.put(kind, 0);
    }
    for (StandInConfig.Plugin p : agent.running().plugins()) {
      int index = indexes.merge(p.kind(), 1, Integer::sum) - 1;
      String counters =
          switch (p.kind()) {
            case "input" -> "{\"records\":" + records + ",\"bytes\":" + records * 39 + "}";
            case "filter" ->
                "{\"drop_records\":0,\"add_records\":0,\"records\":"
                    + records
                    + ",\"bytes\":0,\"drop_bytes\":0}";
            default ->
                "{\"proc_records\":"
                    + records
                    + ",\"proc_bytes\":"
                    + records * 39
                    + ",\"errors\":0,\"retries\":"
                    + retriesFailed(p)
                    + ",\"retries_failed\":"
                    + retriesFailed(p)
                    + ",\"dropped_records\":0,\"retried_records\":0}";
          };
      kinds.get(p.kind()).add("\"" + p.instanceName(index) + "\":" + counters);
    }
    return "{\"input\":{"
        + kinds.get("input")
        + "},\"filter\":{"
        + kinds.get("filter")
        + "},\"output\":{"
        + kinds.get("output")
        + "}}";
  }

  /**
   * Retries given up so far by one output. The stand-in has no network: an {@code http} output
   * never delivers, and with a finite {@code retry_limit} it gives up a chunk every 2 s.
   */
  private long retriesFailed(StandInConfig.Plugin output) {
    boolean failing =
        output.name().equals("http")
            && !"no_limits".equals(output.properties().get("retry_limit"))
            && !"false".equals(output.properties().get("retry_limit"));
    return failing ? agent.uptimeSeconds() / 2 : 0;
  }

  private long retriesFailedInWindow() {
    StandInConfig c = agent.running();
    long window = Long.parseLong(c.serviceKey("hc_period", "60").strip());
    return c.plugins().stream()
        .filter(p -> p.kind().equals("output"))
        .mapToLong(this::retriesFailed)
        .map(n -> Math.min(n, window / 2))
        .sum();
  }

  /** True when health checks are on and an output gave up more chunks than allowed. */
  private boolean unhealthy() {
    StandInConfig c = agent.running();
    long limit = Long.parseLong(c.serviceKey("hc_retry_failure_count", "5").strip());
    return c.flag("health_check") && retriesFailedInWindow() > limit;
  }

  private String health() {
    StandInConfig c = agent.running();
    boolean bad = unhealthy();
    long failed = c.flag("health_check") ? retriesFailedInWindow() : 0;
    return "{\"status\":\""
        + (bad ? "error" : "ok")
        + "\",\"errors\":0,\"retries_failed\":"
        + failed
        + ",\"error_limit\":"
        + c.serviceKey("hc_errors_count", "5")
        + ",\"retry_failure_limit\":"
        + c.serviceKey("hc_retry_failure_count", "5")
        + ",\"period_limit\":"
        + c.serviceKey("hc_period", "60")
        + "}";
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      exchange.getResponseHeaders().set("content-type", contentType);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }
}

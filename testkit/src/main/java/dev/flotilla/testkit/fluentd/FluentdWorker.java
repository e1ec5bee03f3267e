package dev.flotilla.testkit.fluentd;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Executors;

/**
 * The worker process of the Fluentd stand-in ({@code --under-supervisor}): runs the pipeline's
 * {@code monitor_agent}. The supervisor asks for an in-place graceful reload by writing a line to
 * the worker's stdin; the worker PID stays the same.
 */
final class FluentdWorker {

  private final Path configPath;
  private volatile FluentdConfig running;
  private HttpServer monitor;

  FluentdWorker(Path configPath) {
    this.configPath = configPath;
  }

  void run() throws Exception {
    try {
      running = FluentdConfig.read(configPath);
    } catch (FluentdConfig.ConfigException e) {
      FluentdStandIn.log("error", "#0 " + e.getMessage());
      System.exit(2);
      return;
    }
    FluentdStandIn.log(
        "info",
        "#0 starting fluentd worker pid="
            + ProcessHandle.current().pid()
            + " ppid="
            + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L)
            + " worker=0");
    startMonitor();
    FluentdStandIn.log("info", "#0 fluentd worker is now running worker=0");
    var control = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = control.readLine()) != null; ) {
      if (line.equals("graceful-reload")) {
        try {
          running = FluentdConfig.read(configPath);
          FluentdStandIn.log("info", "#0 restart fluentd worker worker=0");
          startMonitor();
        } catch (FluentdConfig.ConfigException e) {
          FluentdStandIn.log("error", "#0 " + e.getMessage());
        }
      }
    }
    // The supervisor went away: so does the worker.
    System.exit(0);
  }

  private synchronized void startMonitor() throws IOException {
    if (monitor != null) {
      monitor.stop(0);
      monitor = null;
    }
    FluentdConfig.Directive agent = running.monitorAgent();
    if (agent != null) {
      String bind = agent.params().getOrDefault("bind", "0.0.0.0");
      int port = Integer.parseInt(agent.params().getOrDefault("port", "24220"));
      monitor = HttpServer.create(new InetSocketAddress(bind, port), 8);
      monitor.createContext("/", this::monitor);
      monitor.setExecutor(Executors.newSingleThreadExecutor());
      monitor.start();
    }
  }

  private void monitor(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestURI().getPath()) {
        case "/api/plugins.json" -> FluentdStandIn.send(exchange, 200, plugins());
        case "/api/config.json" -> FluentdStandIn.send(exchange, 200, processInfo());
        default -> FluentdStandIn.send(exchange, 404, "{\"message\":\"Not found\"}");
      }
    }
  }

  private String plugins() {
    StringJoiner list = new StringJoiner(",", "{\"plugins\":[", "]}");
    int n = 0;
    for (FluentdConfig.Directive d : running.directives()) {
      String id = d.params().getOrDefault("@id", "object:" + Integer.toHexString(0xa00 + n++));
      StringJoiner config = new StringJoiner(",", "{", "}");
      d.params().forEach((k, v) -> config.add(quote(k) + ":" + quote(v)));
      boolean output = d.category().equals("output");
      list.add(
          "{\"plugin_id\":"
              + quote(id)
              + ",\"plugin_category\":"
              + quote(d.category())
              + ",\"type\":"
              + quote(d.params().getOrDefault("@type", ""))
              + ",\"config\":"
              + config
              + ",\"output_plugin\":"
              + output
              + ",\"retry_count\":"
              + (output ? "0" : "null")
              + ",\"emit_records\":0,\"emit_size\":0"
              + (output ? ",\"retry\":{}" : "")
              + "}");
    }
    return list.toString();
  }

  private String processInfo() {
    long pid = ProcessHandle.current().pid();
    long ppid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L);
    return "{\"pid\":"
        + pid
        + ",\"ppid\":"
        + ppid
        + ",\"version\":\""
        + FluentdStandIn.VERSION
        + "\",\"config_path\":"
        + quote(configPath.toString())
        + ",\"pid_file\":null,\"plugin_dirs\":[],\"log_path\":null,\"root_dir\":null}";
  }

  static String quote(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }
}

package dev.flotilla.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run does. Either {@code opampUrl} (and usually {@code apiUrl}) point at a running
 * server, or {@code spawnServer} names the {@code flotilla} launcher to start on free loopback
 * ports.
 *
 * @param serverJvmOptions JVM flags for a spawned server, passed through {@code JDK_JAVA_OPTIONS}
 *     so that they reach the JVM whatever the launcher script does
 * @param serverArgs extra arguments for a spawned {@code flotilla server}
 * @param serverPid the server process to measure when it was not spawned here; 0 = unknown
 */
record LoadOptions(
    URI opampUrl,
    URI apiUrl,
    int agents,
    Duration heartbeat,
    double rampPerSecond,
    Duration duration,
    String transport,
    Path spawnServer,
    String serverJvmOptions,
    List<String> serverArgs,
    long serverPid,
    String token,
    Duration connectTimeout,
    int ioThreads) {

  static final String USAGE =
      """
      usage: LoadGenerator (--opamp-url URL [--api-url URL] [--server-pid PID] | --spawn-server FLOTILLA_BIN)
                           [--agents N] [--heartbeat 30s] [--ramp 500] [--duration 2m]
                           [--transport websocket|http] [--server-jvm-options "-Xmx2g ..."]
                           [--server-args "--max-connections 20000"]
                           [--token TOKEN] [--connect-timeout 3m] [--io-threads 4]
        --opamp-url        ws://127.0.0.1:4320/v1/opamp (WebSocket) or http://127.0.0.1:4320/v1/opamp (polling)
        --api-url          http://127.0.0.1:4321, to count agents and read /metrics
        --server-pid       pid of the server JVM, for RSS and heap (jcmd)
        --spawn-server     start `FLOTILLA_BIN server` on free loopback ports with a temporary data dir
        --agents           number of simulated agents (default 1000)
        --heartbeat        heartbeat / poll interval (default 30s)
        --ramp             agents started per second (default 500)
        --duration         how long to measure once all agents are connected (default 2m)
        --transport        with --spawn-server: websocket (default) or http
      Durations: 500ms, 30s, 2m, or plain seconds. Only loopback addresses are accepted.
      """;

  static LoadOptions parse(List<String> args) {
    List<String> known =
        List.of(
            "opamp-url",
            "api-url",
            "agents",
            "heartbeat",
            "ramp",
            "duration",
            "transport",
            "spawn-server",
            "server-jvm-options",
            "server-args",
            "server-pid",
            "token",
            "connect-timeout",
            "io-threads");
    Map<String, String> values = flags(args, known);
    URI opamp = values.containsKey("opamp-url") ? loopback(values.get("opamp-url")) : null;
    Path spawn = values.containsKey("spawn-server") ? Path.of(values.get("spawn-server")) : null;
    if ((opamp == null) == (spawn == null)) {
      throw new IllegalArgumentException("give exactly one of --opamp-url and --spawn-server");
    }
    String transport =
        values.getOrDefault(
            "transport",
            opamp != null && opamp.getScheme().startsWith("http") ? "http" : "websocket");
    if (!transport.equals("websocket") && !transport.equals("http")) {
      throw new IllegalArgumentException("--transport must be websocket or http");
    }
    if (opamp != null && opamp.getScheme().startsWith("ws") != transport.equals("websocket")) {
      throw new IllegalArgumentException("--transport contradicts the scheme of --opamp-url");
    }
    int agents = Integer.parseInt(values.getOrDefault("agents", "1000"));
    double ramp = Double.parseDouble(values.getOrDefault("ramp", "500"));
    int ioThreads = Integer.parseInt(values.getOrDefault("io-threads", "4"));
    if (agents < 1 || agents > 100_000 || ramp <= 0 || ioThreads < 1) {
      throw new IllegalArgumentException(
          "--agents must be 1..100000, --ramp and --io-threads positive");
    }
    return new LoadOptions(
        opamp,
        values.containsKey("api-url") ? loopback(values.get("api-url")) : null,
        agents,
        duration(values.getOrDefault("heartbeat", "30s")),
        ramp,
        duration(values.getOrDefault("duration", "2m")),
        transport,
        spawn,
        values.getOrDefault("server-jvm-options", "-Xms1g -Xmx2g -XX:+UseG1GC"),
        values.containsKey("server-args")
            ? List.of(values.get("server-args").trim().split("\\s+"))
            : List.of(),
        Long.parseLong(values.getOrDefault("server-pid", "0")),
        values.get("token"),
        duration(values.getOrDefault("connect-timeout", "3m")),
        ioThreads);
  }

  /**
   * {@code --key value} or {@code --key=value} pairs.
   *
   * @throws IllegalArgumentException for a stray argument, a missing value or an unknown option
   */
  static Map<String, String> flags(List<String> args, List<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'");
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.size()) {
        values.put(arg.substring(2), args.get(++i));
      } else {
        throw new IllegalArgumentException("option " + arg + " needs a value");
      }
    }
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException("unknown option --" + key);
      }
    }
    return values;
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or plain seconds. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      long n = Long.parseLong(t.replaceAll("[smh]$", ""));
      return switch (t.charAt(t.length() - 1)) {
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a duration: '" + text + "'", e);
    }
  }

  static URI loopback(String text) {
    URI uri = URI.create(text);
    String host = uri.getHost();
    if (host == null
        || !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
      throw new IllegalArgumentException("only loopback servers may be loaded: " + text);
    }
    return uri;
  }
}

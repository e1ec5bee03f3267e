package dev.flotilla.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an overload run does: the {@code flotilla} launcher to spawn with its limits, which
 * scenarios to run, how long each lasts, and how big each attack is.
 *
 * @param globalRate {@code --max-requests-per-second} of the spawned server
 * @param perAgentRate {@code --max-requests-per-second-per-agent} of the spawned server
 * @param readTimeout {@code --request-read-timeout-millis} of the spawned server
 * @param idleWebSockets connections the {@code idle-websockets} scenario opens
 */
record OverloadOptions(
    Path spawnServer,
    String serverJvmOptions,
    List<String> serverArgs,
    List<String> scenarios,
    Duration scenarioDuration,
    int globalRate,
    int perAgentRate,
    Duration readTimeout,
    int pollers,
    int idleWebSockets) {

  static final List<String> SCENARIOS =
      List.of("flood", "10x-rate", "slowloris", "oversized-rest", "idle-websockets");

  static final String USAGE =
      """
      usage: OverloadBench --spawn-server FLOTILLA_BIN [--scenarios flood,10x-rate,...]
                           [--scenario-duration 12s] [--max-requests-per-second 200]
                           [--max-requests-per-second-per-agent 10] [--request-read-timeout 5s]
                           [--pollers 20] [--idle-websockets 5000]
                           [--server-jvm-options "-Xmx1g ..."] [--server-args "..."]
        --spawn-server     start `FLOTILLA_BIN server` on free loopback ports with a temporary data dir
        --scenarios        any of flood, 10x-rate, slowloris, oversized-rest, idle-websockets (default all)
        --scenario-duration  how long each scenario's overload lasts (default 12s)
        --pollers          well-behaved HTTP agents polling once a second during each scenario (default 20)
        --idle-websockets  idle WebSocket connections to open (default 5000)
      Prints one row per scenario: the attack's answers (2xx, refused with or without Retry-After,
      dropped) and what the well-behaved clients saw. Exit code 0 when those got at least 95 % 2xx
      in every scenario.
      """;

  static OverloadOptions parse(List<String> args) {
    Map<String, String> v =
        LoadOptions.flags(
            args,
            List.of(
                "spawn-server",
                "server-jvm-options",
                "server-args",
                "scenarios",
                "scenario-duration",
                "max-requests-per-second",
                "max-requests-per-second-per-agent",
                "request-read-timeout",
                "pollers",
                "idle-websockets"));
    if (!v.containsKey("spawn-server")) {
      throw new IllegalArgumentException("--spawn-server is required");
    }
    List<String> scenarios =
        v.containsKey("scenarios") ? List.of(v.get("scenarios").split(",")) : SCENARIOS;
    for (String s : scenarios) {
      if (!SCENARIOS.contains(s)) {
        throw new IllegalArgumentException("unknown scenario '" + s + "'; known: " + SCENARIOS);
      }
    }
    int global = Integer.parseInt(v.getOrDefault("max-requests-per-second", "200"));
    int perAgent = Integer.parseInt(v.getOrDefault("max-requests-per-second-per-agent", "10"));
    int pollers = Integer.parseInt(v.getOrDefault("pollers", "20"));
    int idle = Integer.parseInt(v.getOrDefault("idle-websockets", "5000"));
    Duration duration = LoadOptions.duration(v.getOrDefault("scenario-duration", "12s"));
    if (global < 1 || perAgent < 2 || pollers < 1 || idle < 0 || idle > 100_000) {
      throw new IllegalArgumentException(
          "rates and --pollers must be positive (per agent at least 2), --idle-websockets 0..100000");
    }
    if (duration.isNegative()
        || duration.isZero()
        || duration.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("--scenario-duration must be between 1s and 5m");
    }
    return new OverloadOptions(
        Path.of(v.get("spawn-server")),
        v.getOrDefault("server-jvm-options", "-Xms512m -Xmx1g -XX:+UseG1GC"),
        v.containsKey("server-args")
            ? List.of(v.get("server-args").trim().split("\\s+"))
            : List.of(),
        scenarios,
        duration,
        global,
        perAgent,
        LoadOptions.duration(v.getOrDefault("request-read-timeout", "5s")),
        pollers,
        idle);
  }

  /** The spawned server's limit flags, then {@code --server-args}. */
  List<String> serverFlags() {
    List<String> flags =
        new java.util.ArrayList<>(
            List.of(
                "--max-requests-per-second",
                Integer.toString(globalRate),
                "--max-requests-per-second-per-agent",
                Integer.toString(perAgentRate),
                "--request-read-timeout-millis",
                Long.toString(readTimeout.toMillis())));
    flags.addAll(serverArgs);
    return flags;
  }

  /** Agents in the rate scenario: each at half its own limit, together ten times the global one. */
  int rateAgents() {
    return (int) Math.ceil(10.0 * globalRate / (perAgentRate / 2.0));
  }
}

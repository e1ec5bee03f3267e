package dev.flotilla.bench;

import dev.flotilla.fleet.RolloutStrategy;
import dev.flotilla.fleet.Share;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a rollout benchmark does: which server, how many WebSocket agents, the rollout's strategy,
 * and how long the whole run may take. Either {@code opampUrl} and {@code apiUrl} point at a
 * running server, or {@code spawnServer} names the {@code flotilla} launcher to start.
 *
 * @param timeout bounds the whole run: connecting, the rollout, and the final read
 * @param poll how often the rollout's counts are read while it runs
 */
record RolloutOptions(
    URI opampUrl,
    URI apiUrl,
    long serverPid,
    Path spawnServer,
    String serverJvmOptions,
    List<String> serverArgs,
    String token,
    int agents,
    double rampPerSecond,
    Duration heartbeat,
    int ioThreads,
    RolloutStrategy strategy,
    Duration timeout,
    Duration poll) {

  static final String USAGE =
      """
      usage: RolloutBench (--spawn-server FLOTILLA_BIN | --opamp-url URL --api-url URL [--server-pid PID])
                          [--agents 10000] [--ramp 500] [--canary 1%] [--batch-size 10%]
                          [--pause-seconds 0] [--healthy-seconds 0] [--rollout-timeout-seconds 300]
                          [--max-failures 5%] [--timeout 10m] [--poll 250ms]
                          [--server-jvm-options "-Xms1g -Xmx2g ..."] [--server-args "..."]
                          [--heartbeat 30s] [--io-threads 4] [--token TOKEN]
        --spawn-server     start `FLOTILLA_BIN server` on free loopback ports with a temporary data dir
        --opamp-url        ws://127.0.0.1:4320/v1/opamp of a running server (WebSocket only)
        --api-url          http://127.0.0.1:4321, its REST API
        --server-pid       pid of that server's JVM, for its CPU time and heap
        --agents           simulated WebSocket agents, all in the rollout (default 10000)
        --ramp             agents started per second before the rollout (default 500)
        --canary, --batch-size, --max-failures   a count (3) or a share (10%)
        --timeout          bound on the whole run (default 10m)
      Connects every agent, publishes a Fluent Bit config, rolls it out to all of them and prints
      how long the rollout took, per batch, and what it cost the server and this process.
      Durations: 500ms, 30s, 2m, or plain seconds. Only loopback addresses are accepted.
      """;

  static RolloutOptions parse(List<String> args) {
    Map<String, String> v =
        LoadOptions.flags(
            args,
            List.of(
                "spawn-server",
                "opamp-url",
                "api-url",
                "server-pid",
                "server-jvm-options",
                "server-args",
                "token",
                "agents",
                "ramp",
                "heartbeat",
                "io-threads",
                "canary",
                "batch-size",
                "pause-seconds",
                "healthy-seconds",
                "rollout-timeout-seconds",
                "max-failures",
                "timeout",
                "poll"));
    URI opamp = v.containsKey("opamp-url") ? LoadOptions.loopback(v.get("opamp-url")) : null;
    URI api = v.containsKey("api-url") ? LoadOptions.loopback(v.get("api-url")) : null;
    Path spawn = v.containsKey("spawn-server") ? Path.of(v.get("spawn-server")) : null;
    if ((spawn == null) == (opamp == null) || (opamp != null && api == null)) {
      throw new IllegalArgumentException(
          "give either --spawn-server, or --opamp-url together with --api-url");
    }
    if (opamp != null && !opamp.getScheme().startsWith("ws")) {
      throw new IllegalArgumentException("--opamp-url: the agents use WebSocket (ws://)");
    }
    int agents = Integer.parseInt(v.getOrDefault("agents", "10000"));
    double ramp = Double.parseDouble(v.getOrDefault("ramp", "500"));
    int ioThreads = Integer.parseInt(v.getOrDefault("io-threads", "4"));
    if (agents < 1 || agents > 100_000 || ramp <= 0 || ioThreads < 1) {
      throw new IllegalArgumentException(
          "--agents must be 1..100000, --ramp and --io-threads positive");
    }
    RolloutStrategy strategy =
        new RolloutStrategy(
                Share.parse(v.getOrDefault("canary", "1%")),
                Share.parse(v.getOrDefault("batch-size", "10%")),
                Integer.parseInt(v.getOrDefault("pause-seconds", "0")),
                Integer.parseInt(v.getOrDefault("healthy-seconds", "0")),
                Integer.parseInt(v.getOrDefault("rollout-timeout-seconds", "300")),
                Share.parse(v.getOrDefault("max-failures", "5%")))
            .withDefaults();
    return new RolloutOptions(
        opamp,
        api,
        Long.parseLong(v.getOrDefault("server-pid", "0")),
        spawn,
        v.getOrDefault("server-jvm-options", "-Xms1g -Xmx2g -XX:+UseG1GC"),
        v.containsKey("server-args")
            ? List.of(v.get("server-args").trim().split("\\s+"))
            : List.of(),
        v.get("token"),
        agents,
        ramp,
        LoadOptions.duration(v.getOrDefault("heartbeat", "30s")),
        ioThreads,
        strategy,
        LoadOptions.duration(v.getOrDefault("timeout", "10m")),
        LoadOptions.duration(v.getOrDefault("poll", "250ms")));
  }

  /** Agents in each batch, the canary (batch 0) first, as the server plans them. */
  List<Integer> batchSizes() {
    int canary = strategy.canary().of(agents);
    int size = Math.max(1, strategy.batchSize().of(agents - canary));
    java.util.ArrayList<Integer> sizes = new java.util.ArrayList<>();
    sizes.add(canary);
    for (int left = agents - canary; left > 0; left -= size) {
      sizes.add(Math.min(size, left));
    }
    return sizes;
  }
}

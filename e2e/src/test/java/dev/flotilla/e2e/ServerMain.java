package dev.flotilla.e2e;

import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of a server that runs in its own JVM so that a test can kill it: {@code --data-dir
 * D [--store URL] --opamp-port P --api-port Q [--approval-mode manual] [--flush-millis N]}, no
 * auth. It prints {@link #READY} once both listeners are bound, and {@link #SHUTDOWN_HOOK} when it
 * is stopped gracefully: a SIGKILL never prints it.
 */
public final class ServerMain {
  static final String READY = "flotilla test server ready";
  static final String SHUTDOWN_HOOK = "flotilla test server shutdown hook";

  private ServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, not " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    ServerConfig config =
        ServerConfig.defaults()
            .withBindAddress("127.0.0.1")
            .withDataDir(Path.of(required(options, "data-dir")))
            .withStore(options.get("store"))
            .withOpampPort(Integer.parseInt(required(options, "opamp-port")))
            .withApiPort(Integer.parseInt(required(options, "api-port")))
            .withApprovalMode(options.getOrDefault("approval-mode", "auto"))
            .withFlushInterval(
                Duration.ofMillis(Long.parseLong(options.getOrDefault("flush-millis", "1000"))))
            .withNoAuth(true);
    FlotillaServer server = FlotillaServer.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println(SHUTDOWN_HOOK);
                  System.out.flush();
                  server.close();
                }));
    System.out.println(READY + " opamp=" + server.opampPort() + " api=" + server.apiPort());
    System.out.flush();
    new CountDownLatch(1).await(); // until the process is stopped
  }

  private static String required(Map<String, String> options, String name) {
    String v = options.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}

package dev.flotilla.testkit.fluentbit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in {@code fluent-bit} 5.1.1 for tests, run as a real process. It accepts the flags a
 * supervisor uses, reads the HTTP server keys from the config, serves the monitoring API and
 * reproduces the reload outcomes of the real agent:
 *
 * <ul>
 *   <li>halted: the new config fails the parse/property checks; the old pipeline keeps running;
 *   <li>aborted: a plugin init fails (non-numeric {@code refresh_interval}/{@code http_port}, busy
 *       port); the process exits 255;
 *   <li>hang: the running config has an output with {@code retry_limit no_limits} and thread-safe
 *       reload is on; the reload never finishes and SIGTERM is ignored.
 * </ul>
 */
public final class FluentBitStandIn {

  static final String VERSION = "5.1.1";
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");

  private final Path configPath;
  private final boolean cliHotReload;
  private final boolean threadSafeReload;
  private final Set<String> knownPlugins;
  private final PrintStream log = System.err;
  private final AtomicInteger reloadCount = new AtomicInteger();
  private final AtomicBoolean reloading = new AtomicBoolean();
  private final AtomicBoolean hanging = new AtomicBoolean();
  private volatile StandInConfig running;
  private volatile long startNanos = System.nanoTime();
  private volatile MonitoringApi api;

  private FluentBitStandIn(Path configPath, boolean hotReload, boolean threadSafe) {
    this.configPath = configPath;
    this.cliHotReload = hotReload;
    this.threadSafeReload = threadSafe;
    this.knownPlugins = knownPlugins();
  }

  public static void main(String[] args) throws Exception {
    Path config = null;
    boolean hotReload = false;
    boolean threadSafe = true;
    boolean dryRun = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-c", "--config" -> config = Path.of(args[++i]);
        case "-Y", "--enable-hot-reload" -> hotReload = true;
        case "-W", "--disable-thread-safety-on-hot-reload" -> threadSafe = false;
        case "-q", "--quiet" -> {}
        case "-D", "--dry-run" -> dryRun = true;
        case "-J", "--help-json" -> {
          try (var in =
              FluentBitStandIn.class.getResourceAsStream("fluent-bit-schema-5.1.1.json")) {
            in.transferTo(System.out);
          }
          System.out.flush();
          System.exit(0);
        }
        case "-V", "--version" -> {
          System.out.println("Fluent Bit v" + VERSION);
          System.out.println("Git commit: ");
          System.exit(0);
        }
        default -> {
          if (a.startsWith("--config=")) {
            config = Path.of(a.substring("--config=".length()));
          } else {
            System.out.println("Usage: fluent-bit [OPTION]");
            System.exit(1);
          }
        }
      }
    }
    var standIn = new FluentBitStandIn(config, hotReload, threadSafe);
    if (dryRun) {
      System.exit(standIn.dryRun());
    }
    standIn.run();
  }

  private int dryRun() {
    try {
      StandInConfig.read(configPath, knownPlugins);
      log.println("configuration test is successful");
      return 0;
    } catch (StandInConfig.ParseException e) {
      log.println(e.getMessage());
      log.println("[error] configuration file contains errors, aborting.");
      return 1;
    }
  }

  private void run() throws InterruptedException {
    try {
      running = StandInConfig.read(configPath, knownPlugins);
    } catch (StandInConfig.ParseException e) {
      log.println(e.getMessage());
      log.println("[error] configuration file contains errors, aborting.");
      System.exit(1);
      return;
    }
    log(
        "info",
        "[fluent bit] version=" + VERSION + ", commit=, pid=" + ProcessHandle.current().pid());
    String initError = initError(running);
    if (initError == null) {
      initError = startHttpServer(running);
    }
    if (initError != null) {
      Thread.sleep(1000);
      log("error", initError);
      Runtime.getRuntime().halt(255);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::onTerminate, "flb-shutdown"));
    installHangup();
    log("info", "[engine] started (pid=" + ProcessHandle.current().pid() + ")");
    new CountDownLatch(1).await();
  }

  private void onTerminate() {
    log("info", "[engine] caught signal (SIGTERM)");
    if (hanging.get()) {
      // The real agent remembers the SIGTERM and ignores it until the hung reload ends: never.
      try {
        new CountDownLatch(1).await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    log("warn", "[engine] service will shutdown in max 5 seconds");
    log("info", "[engine] service has stopped (0 pending tasks)");
    // A JVM ended by SIGTERM reports 143; the real agent exits 0 after a graceful stop.
    Runtime.getRuntime().halt(0);
  }

  @SuppressWarnings("removal")
  private void installHangup() {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), s -> requestReload());
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      log("warn", "[engine] SIGHUP not available");
    }
  }

  /** Returns the init-time error text, as logged by the real agent, or null. */
  private static String initError(StandInConfig config) {
    String port = config.serviceKey("http_port", "2020");
    if (!port.matches("\\d+")) {
      return "[http_server] invalid monitoring tcp_port '" + port + "'";
    }
    for (StandInConfig.Plugin p : config.plugins()) {
      String interval = p.properties().get("refresh_interval");
      if (interval != null && !interval.matches("\\d+[smhd]?")) {
        return "[input:" + p.name() + "] invalid refresh_interval '" + interval + "'";
      }
    }
    return null;
  }

  private String startHttpServer(StandInConfig config) {
    if (!config.flag("http_server")) {
      return null;
    }
    String listen = config.serviceKey("http_listen", "0.0.0.0");
    int port = Integer.parseInt(config.serviceKey("http_port", "2020"));
    try {
      api = MonitoringApi.start(listen, port, this);
      log("info", "[http_server] listen iface=" + listen + " tcp_port=" + port);
      return null;
    } catch (UncheckedIOException e) {
      log("error", "[downstream] could not bind address " + listen + ":" + port + ". Aborting");
      return "[engine] could not start HTTP server";
    }
  }

  boolean hotReloadEnabled() {
    return cliHotReload || running.flag("hot_reload");
  }

  int reloadCount() {
    return reloadCount.get();
  }

  boolean reloading() {
    return reloading.get();
  }

  StandInConfig running() {
    return running;
  }

  long uptimeSeconds() {
    return (System.nanoTime() - startNanos) / 1_000_000_000L;
  }

  long uptimeMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000L;
  }

  /** Starts a reload about 300 ms later, as the real main loop polls for pending reloads. */
  boolean requestReload() {
    if (!hotReloadEnabled()) {
      log("warn", "[reload] hot reloading is not enabled");
      return false;
    }
    if (!reloading.compareAndSet(false, true)) {
      log("error", "reloading in progress, aborting.");
      return false;
    }
    Thread.ofPlatform().daemon().name("flb-reload").start(this::reload);
    return true;
  }

  private void reload() {
    try {
      Thread.sleep(300);
      log("info", "reloading instance pid=" + ProcessHandle.current().pid());
      StandInConfig next;
      try {
        next = StandInConfig.read(configPath, knownPlugins);
      } catch (StandInConfig.ParseException e) {
        log.println(stamp() + " " + e.getMessage());
        log("error", "[reload] reloaded config is invalid. Reloading is halted");
        reloading.set(false);
        return;
      }
      log("info", "[reload] stop everything of the old context");
      if (threadSafeReload && hasUndeliverableOutput(running)) {
        hanging.set(true);
        int watchdog = Integer.parseInt(running.serviceKey("hot_reload.timeout", "0").strip());
        for (int second = 1; ; second++) {
          Thread.sleep(1000);
          if (watchdog > 0 && second >= watchdog) {
            log(
                "error",
                "[hot_reload_watchdog] Hot reload timeout exceeded ("
                    + watchdog
                    + " seconds), aborting to prevent indefinite hang");
            Runtime.getRuntime().halt(134);
          }
          log("info", "[engine] pending chunk count: memory=4, filesystem=0; grace_timer=5");
        }
      }
      MonitoringApi old = api;
      String initError = initError(next);
      if (old != null) {
        old.stop();
        api = null;
      }
      if (initError == null) {
        initError = startHttpServer(next);
      }
      if (initError != null) {
        log("error", initError);
        log("error", "[reload] loaded configuration contains error(s). Reloading is aborted");
        log.println("reloading is aborted and exit");
        log.flush();
        Runtime.getRuntime().halt(255);
      }
      log("info", "[reload] start everything");
      running = next;
      startNanos = System.nanoTime();
      reloadCount.incrementAndGet();
      log("info", "[reload] successful reload done.");
      reloading.set(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean hasUndeliverableOutput(StandInConfig config) {
    return config.plugins().stream()
        .anyMatch(
            p ->
                p.kind().equals("output") && "no_limits".equals(p.properties().get("retry_limit")));
  }

  void log(String level, String message) {
    String padded = level.length() < 5 ? " ".repeat(5 - level.length()) + level : level;
    log.println(stamp() + " [" + padded + "] " + message);
    log.flush();
  }

  private static String stamp() {
    return "[" + LocalDateTime.now().format(LOG_TIME) + "]";
  }

  static String resource(String name) {
    try (InputStream in = FluentBitStandIn.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> knownPlugins() {
    Set<String> known = new HashSet<>();
    Matcher lists =
        Pattern.compile("\"(inputs|filters|outputs)\":\\[([^\\]]*)]")
            .matcher(resource("api_v1_plugins.json"));
    while (lists.find()) {
      for (String name : List.of(lists.group(2).replace("\"", "").split(","))) {
        known.add(lists.group(1) + ":" + name);
      }
    }
    return known;
  }
}

package dev.flotilla.cli.editor;

import dev.flotilla.editor.EditorServer;
import dev.flotilla.editor.EditorSettings;
import dev.flotilla.fleet.Fleet;
import dev.flotilla.fleet.HttpFleetClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flotilla editor}: the config editor alone, on port 4330, with no server or agents. */
@Command(
    name = "editor",
    mixinStandardHelpOptions = true,
    description =
        "Start the config editor alone (no server or agents needed) and open it in a browser.")
public final class EditorCommand implements Callable<Integer> {

  @Option(
      names = "--dir",
      paramLabel = "FOLDER",
      description = "Folder of config files to open and save (optional).")
  Path dir;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default 127.0.0.1). The editor has no sign-in: any other address"
              + " than loopback needs --allow-remote.")
  String bind = "127.0.0.1";

  @Option(
      names = "--allow-remote",
      description =
          "Let --bind name an address beyond loopback. Anyone who reaches the port can then read"
              + " and save the folder's files and run dry runs.")
  boolean allowRemote;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default 4330).")
  int port = EditorServer.DEFAULT_PORT;

  @Option(
      names = "--overlay",
      paramLabel = "DIR",
      description = "Folder of overlay schema documents (repeatable); see docs/editor.md.")
  List<Path> overlays = new ArrayList<>();

  @Option(
      names = "--fluent-bit-bin",
      paramLabel = "PATH",
      defaultValue = "${env:FLUENT_BIT_BIN}",
      description = "Local fluent-bit binary for dry runs (env FLUENT_BIT_BIN).")
  Path fluentBit;

  @Option(
      names = "--fluentd-bin",
      paramLabel = "PATH",
      defaultValue = "${env:FLUENTD_BIN}",
      description = "Local fluentd binary for dry runs (env FLUENTD_BIN).")
  Path fluentd;

  @Option(
      names = "--allow-fluentd-ruby",
      description =
          "Dry-run Fluentd configs that embed Ruby (#{...}); fluentd runs that code while it"
              + " reads the config. Off by default.")
  boolean allowFluentdRuby;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "A Flotilla server's API, to open agents' effective configs (optional).")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:FLOTILLA_TOKEN}",
      description = "API token for --server (env FLOTILLA_TOKEN).")
  String token;

  @Override
  public Integer call() throws Exception {
    if (dir != null && !Files.isDirectory(dir)) {
      System.err.println("flotilla editor: --dir " + dir + " is not a folder");
      return 2;
    }
    for (Path o : overlays) {
      if (!Files.isDirectory(o)) {
        System.err.println("flotilla editor: --overlay " + o + " is not a folder");
        return 2;
      }
    }
    EditorSettings settings =
        new EditorSettings(
                Optional.ofNullable(dir), overlays, java.util.Map.of(), Duration.ofSeconds(60))
            .withBinary("fluent-bit", executable(fluentBit))
            .withBinary("fluentd", executable(fluentd))
            .withFluentdRuby(allowFluentdRuby);
    Optional<Fleet> fleet =
        server == null ? Optional.empty() : Optional.of(new HttpFleetClient(server, token));
    EditorServer editor;
    try {
      editor = EditorServer.start(bind, port, allowRemote, settings, fleet, Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println("flotilla editor: " + e.getMessage());
      return 2;
    }
    if (allowRemote && !bind.startsWith("127.") && !bind.equals("::1")) {
      System.err.printf(
          "%nWARNING: the config editor listens on %s with no sign-in. Anyone who reaches port %d"
              + " can read and save the folder's files and run dry runs.%n",
          bind, editor.port());
    }
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  editor.close();
                  stopped.countDown();
                },
                "flotilla-editor-shutdown"));
    System.out.printf(
        "%nFlotilla config editor: http://%s:%d/editor/%n%s%nPress Ctrl+C to stop.%n",
        host,
        editor.port(),
        dir == null
            ? "  (no folder: open files by upload or start from a template)"
            : "  Folder: " + dir);
    stopped.await();
    return 0;
  }

  private static Path executable(Path p) {
    return p == null || p.toString().isBlank() ? null : p;
  }
}

package dev.flotilla.cli.catalog;

import dev.flotilla.catalog.Catalog;
import dev.flotilla.catalog.CatalogServer;
import dev.flotilla.catalog.CatalogSettings;
import dev.flotilla.catalog.SourceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** {@code flotilla catalog}: the config catalog alone, on port 4331, with no server. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description =
        "Serve the config catalog alone (folders and Git repositories of config files, with their"
            + " includes, metadata and lint results) and open it in a browser.")
public final class CatalogCommand implements Callable<Integer> {

  @Option(
      names = "--dir",
      paramLabel = "FOLDER",
      description = "Folder of config files, read recursively (repeatable).")
  List<Path> dirs = new ArrayList<>();

  @Option(
      names = "--git",
      paramLabel = "URL|PATH",
      description = "Git repository: a clone URL or a local repository folder (repeatable).")
  List<String> repositories = new ArrayList<>();

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      description = "Branch to read from every --git repository (default: its HEAD).")
  String branch;

  @Option(
      names = "--include",
      paramLabel = "GLOB",
      description = "Candidate main files (repeatable; default *.conf, *.yaml, *.yml).")
  List<String> include = new ArrayList<>();

  @Option(
      names = "--exclude",
      paramLabel = "GLOB",
      description = "Files that are never main entries, e.g. drafts/** (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Option(
      names = "--refresh",
      paramLabel = "SECONDS",
      description = "Re-read every source this often (default 30; 0: only on demand).")
  long refreshSeconds = 30;

  @Option(
      names = "--cache-dir",
      paramLabel = "FOLDER",
      description = "Where clones of --git URLs are kept (default: a new temporary folder).")
  Path cacheDir;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "Address to listen on (default 127.0.0.1). The catalog has no sign-in: keep it on"
              + " loopback.")
  String bind = "127.0.0.1";

  @Option(names = "--port", paramLabel = "PORT", description = "Port (default 4331).")
  int port = CatalogServer.DEFAULT_PORT;

  @Override
  public Integer call() throws Exception {
    if (dirs.isEmpty() && repositories.isEmpty()) {
      System.err.println("flotilla catalog: give at least one --dir or --git");
      return 2;
    }
    if (refreshSeconds < 0) {
      System.err.println("flotilla catalog: --refresh must not be negative");
      return 2;
    }
    Duration refresh = Duration.ofSeconds(refreshSeconds);
    List<CatalogSettings.Folder> folders = new ArrayList<>();
    for (Path d : dirs) {
      if (!Files.isDirectory(d)) {
        System.err.println("flotilla catalog: --dir " + d + " is not a folder");
        return 2;
      }
      folders.add(new CatalogSettings.Folder(d, include, exclude, refresh));
    }
    List<CatalogSettings.Repository> repos = new ArrayList<>();
    for (String r : repositories) {
      repos.add(new CatalogSettings.Repository(r, branch, include, exclude, refresh));
    }
    Path cache = cacheDir != null ? cacheDir : Files.createTempDirectory("flotilla-catalog");
    Catalog catalog;
    try {
      catalog =
          Catalog.of(
              CatalogSettings.of(folders, repos),
              cache,
              JsonMapper.builder().build(),
              Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      System.err.println("flotilla catalog: " + e.getMessage());
      return 2;
    }
    for (SourceStatus s : catalog.refresh()) {
      if (s.error() != null) {
        System.err.println("flotilla catalog: " + s.name() + ": " + s.error());
      }
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("flotilla-catalog").daemon(true).unstarted(r));
    CatalogServer server = CatalogServer.start(bind, port, catalog, Optional.empty());
    catalog.start(scheduler);
    String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  catalog.close();
                  scheduler.shutdownNow();
                  server.close();
                  stopped.countDown();
                },
                "flotilla-catalog-shutdown"));
    System.out.printf(
        "%nFlotilla config catalog: http://%s:%d/catalog/%n  %d entries from %d source(s)%nPress"
            + " Ctrl+C to stop.%n",
        host, server.port(), catalog.entries().size(), catalog.sources().size());
    stopped.await();
    return 0;
  }
}

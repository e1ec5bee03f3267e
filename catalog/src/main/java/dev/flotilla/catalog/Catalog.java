package dev.flotilla.catalog;

import dev.flotilla.catalog.scan.Classifier;
import dev.flotilla.catalog.scan.Linting;
import dev.flotilla.catalog.source.Limits;
import dev.flotilla.catalog.source.Source;
import dev.flotilla.fluentconfig.lint.Linter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The config catalog: what every source holds, classified into entries (a main file and its
 * bundle), re-read on a schedule and on demand. Reads are lock-free over the last results;
 * refreshes of one source are serialized. A source that fails to read keeps its previous entries
 * and reports the error in {@link #sources()}.
 *
 * <p>Other server code reads a bundle with {@link #bundle(String)}: its files by name, ready to
 * become a config version.
 */
public final class Catalog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Catalog.class);

  private record Result(List<Bundle> bundles, SourceStatus status) {}

  private final List<Source> sources;
  private final Limits limits;
  private final Classifier classifier;
  private final Clock clock;
  private final Map<String, Result> results = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();

  public Catalog(List<Source> sources, Limits limits, Linter linter, Clock clock) {
    this.sources = List.copyOf(sources);
    this.limits = limits;
    this.classifier = new Classifier(linter);
    this.clock = clock;
    for (Source s : this.sources) {
      results.put(
          s.name(),
          new Result(
              List.of(),
              new SourceStatus(
                  s.name(), s.kind(), s.location(), s.branch(), null, null, 0, null, List.of())));
    }
  }

  /** A catalog over {@code settings}, linting with the bundled schemas and default profile. */
  public static Catalog of(CatalogSettings settings, Path cacheDir, JsonMapper json, Clock clock) {
    return new Catalog(settings.sources(cacheDir), settings.limits(), Linting.bundled(json), clock);
  }

  /**
   * Reads every source at once on {@code scheduler}, then each again at its own refresh interval (a
   * zero interval: only on demand). {@link #close} cancels the schedule, not the scheduler.
   */
  public synchronized Catalog start(ScheduledExecutorService scheduler) {
    for (Source s : sources) {
      Runnable task = () -> refreshQuietly(s);
      long every = s.refresh().toMillis();
      scheduled.add(
          every > 0
              ? scheduler.scheduleWithFixedDelay(task, 0, every, TimeUnit.MILLISECONDS)
              : scheduler.schedule(task, 0, TimeUnit.MILLISECONDS));
    }
    return this;
  }

  /** Reads every source now; returns their statuses (a failed read is reported, not thrown). */
  public List<SourceStatus> refresh() {
    for (Source s : sources) {
      refreshQuietly(s);
    }
    return sources();
  }

  public List<SourceStatus> sources() {
    return sources.stream().map(s -> results.get(s.name()).status()).toList();
  }

  /** Every entry, by source then path. */
  public List<CatalogEntry> entries() {
    List<CatalogEntry> out = new ArrayList<>();
    for (Source s : sources) {
      results.get(s.name()).bundles().forEach(b -> out.add(b.entry()));
    }
    return out;
  }

  public List<CatalogEntry> find(CatalogQuery query) {
    return entries().stream().filter(query::matches).toList();
  }

  /** Distinct tags over all entries, sorted. */
  public List<String> tags() {
    return entries().stream()
        .flatMap(e -> e.tags().stream())
        .distinct()
        .sorted(Comparator.comparing(String::toLowerCase))
        .toList();
  }

  /** The entry {@code id} with the text of every file of its bundle. */
  public Optional<Bundle> bundle(String id) {
    for (Result r : results.values()) {
      for (Bundle b : r.bundles()) {
        if (b.entry().id().equals(id)) {
          return Optional.of(b);
        }
      }
    }
    return Optional.empty();
  }

  private void refreshQuietly(Source s) {
    synchronized (locks.computeIfAbsent(s.name(), k -> new Object())) {
      Result before = results.get(s.name());
      try {
        Result r =
            s.read(
                limits,
                snapshot -> {
                  List<Bundle> bundles = classifier.classify(s.name(), s.globs(), snapshot);
                  return new Result(
                      bundles,
                      new SourceStatus(
                          s.name(),
                          s.kind(),
                          s.location(),
                          s.branch(),
                          snapshot.revision().orElse(null),
                          clock.instant(),
                          bundles.size(),
                          null,
                          snapshot.warnings()));
                });
        results.put(s.name(), r);
      } catch (IOException | RuntimeException e) {
        log.warn("catalog source {} ({}): {}", s.name(), s.location(), e.toString());
        SourceStatus old = before.status();
        results.put(
            s.name(),
            new Result(
                before.bundles(),
                new SourceStatus(
                    s.name(),
                    s.kind(),
                    s.location(),
                    s.branch(),
                    old.revision(),
                    clock.instant(),
                    before.bundles().size(),
                    String.valueOf(e.getMessage()),
                    List.of())));
      }
    }
  }

  @Override
  public synchronized void close() {
    scheduled.forEach(f -> f.cancel(false));
    scheduled.clear();
  }
}

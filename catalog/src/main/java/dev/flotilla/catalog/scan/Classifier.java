package dev.flotilla.catalog.scan;

import dev.flotilla.catalog.Bundle;
import dev.flotilla.catalog.CatalogEntry;
import dev.flotilla.catalog.source.Globs;
import dev.flotilla.catalog.source.LastChange;
import dev.flotilla.catalog.source.Snapshot;
import dev.flotilla.catalog.source.SourceFile;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a snapshot into catalog entries: every candidate file is loaded with its includes, parsers
 * and upstream files; a candidate some other candidate pulls in is part of that bundle, not an
 * entry of its own. Each bundle is linted as a whole.
 */
public final class Classifier {
  private final Linter linter;

  public Classifier(Linter linter) {
    this.linter = linter;
  }

  /** Entries in path order, each with its bundle's text. */
  public List<Bundle> classify(String sourceName, Globs globs, Snapshot snapshot) {
    Map<String, SourceFile> files = snapshot.files();
    ConfigLoader loader = new ConfigLoader(new SnapshotConfigSource(files));
    Map<String, Optional<LoadedConfig>> loaded = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Set<String>> pulledIn = new LinkedHashMap<>();
    for (SourceFile f : files.values()) {
      if (!globs.candidate(f.path())) {
        continue;
      }
      if (f.text().isEmpty()) {
        loaded.put(f.path(), Optional.empty());
        failures.put(f.path(), f.error().orElse("unreadable"));
        continue;
      }
      try {
        Path main = SnapshotConfigSource.pathOf(f.path());
        String text = f.text().get();
        LoadedConfig c = loader.load(main, text, ConfigFormat.detect(f.path(), text));
        loaded.put(f.path(), Optional.of(c));
        Set<String> mine = new HashSet<>();
        for (LoadedFile lf : c.files()) {
          String rel = SnapshotConfigSource.relative(lf.path());
          if (lf.role() != LoadedFile.Role.MAIN && rel != null && !rel.equals(f.path())) {
            mine.add(rel);
          }
        }
        pulledIn.put(f.path(), mine);
      } catch (IOException | RuntimeException e) {
        loaded.put(f.path(), Optional.empty());
        failures.put(f.path(), "cannot load: " + e.getMessage());
      }
    }
    // X belongs to Y's bundle when Y pulls X in and X does not pull Y back in (a cycle keeps both)
    Set<String> included = new HashSet<>();
    pulledIn.forEach(
        (y, pulled) -> {
          for (String x : pulled) {
            if (!pulledIn.getOrDefault(x, Set.of()).contains(y)) {
              included.add(x);
            }
          }
        });
    List<Bundle> out = new ArrayList<>();
    for (var e : loaded.entrySet()) {
      if (included.contains(e.getKey())) {
        continue;
      }
      SourceFile main = files.get(e.getKey());
      out.add(
          e.getValue()
              .map(c -> bundle(sourceName, main, c, snapshot))
              .orElseGet(() -> failed(sourceName, main, failures.get(e.getKey()), snapshot)));
    }
    return out;
  }

  private Bundle bundle(String source, SourceFile main, LoadedConfig c, Snapshot snapshot) {
    Path mainDir = Path.of(main.path()).getParent();
    Map<String, String> texts = new LinkedHashMap<>();
    List<CatalogEntry.BundleFile> bundleFiles = new ArrayList<>();
    Map<String, String> nameByPath = new LinkedHashMap<>();
    long total = 0;
    for (LoadedFile lf : c.files()) {
      String rel = SnapshotConfigSource.relative(lf.path());
      SourceFile sf = rel == null ? null : snapshot.files().get(rel);
      if (sf == null || sf.text().isEmpty() || nameByPath.containsKey(rel)) {
        continue;
      }
      String name = name(mainDir, rel);
      nameByPath.put(rel, name);
      texts.put(name, sf.text().get());
      bundleFiles.add(
          new CatalogEntry.BundleFile(
              name, rel, lf.role().name().toLowerCase(Locale.ROOT), sf.size()));
      total += sf.size();
    }
    List<CatalogEntry.Finding> findings = new ArrayList<>();
    int errors = 0;
    int warnings = 0;
    for (Finding f : linter.lint(c)) {
      errors += f.severity() == Severity.ERROR ? 1 : 0;
      warnings += f.severity() == Severity.WARNING ? 1 : 0;
      String file = f.location().file();
      String rel =
          file == null || file.isEmpty() ? null : SnapshotConfigSource.relative(Path.of(file));
      findings.add(
          new CatalogEntry.Finding(
              f.severity().label(),
              f.code(),
              f.message(),
              rel == null ? nameByPath.get(main.path()) : nameByPath.getOrDefault(rel, rel),
              f.location().line(),
              f.location().column()));
    }
    ConfigMetadata metadata =
        c.files().isEmpty() ? ConfigMetadata.empty() : Metadata.read(c.files().get(0).document());
    String state = errors > 0 ? "errors" : warnings > 0 ? "warnings" : "ok";
    CatalogEntry entry =
        new CatalogEntry(
            id(source, main.path()),
            source,
            main.path(),
            c.format().isFluentBit() ? "fluent-bit" : "fluentd",
            c.format().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            metadata.values(),
            metadata.get(ConfigMetadata.CONFIG_VERSION).orElse(null),
            metadata.get("description").orElse(null),
            metadata.get("owner").orElse(null),
            tags(metadata.get("tags").orElse("")),
            main.size(),
            total,
            snapshot.lastChange(nameByPath.keySet()).orElse(null),
            snapshot.revision().orElse(null),
            new CatalogEntry.Lint(state, errors, warnings, findings),
            bundleFiles,
            null);
    return new Bundle(entry, texts);
  }

  private static Bundle failed(String source, SourceFile main, String error, Snapshot snapshot) {
    LastChange changed = snapshot.lastChange(List.of(main.path())).orElse(null);
    String name = Path.of(main.path()).getFileName().toString();
    CatalogEntry entry =
        new CatalogEntry(
            id(source, main.path()),
            source,
            main.path(),
            null,
            null,
            Map.of(),
            null,
            null,
            null,
            List.of(),
            main.size(),
            main.size(),
            changed,
            snapshot.revision().orElse(null),
            new CatalogEntry.Lint(
                "errors",
                1,
                0,
                List.of(new CatalogEntry.Finding("error", "unreadable", error, name, 0, 0))),
            List.of(),
            error);
    return new Bundle(entry, Map.of());
  }

  private static String name(Path mainDir, String rel) {
    Path p = Path.of(rel);
    return (mainDir == null ? p : mainDir.relativize(p)).toString().replace('\\', '/');
  }

  static List<String> tags(String raw) {
    return Arrays.stream(raw.split("[,\\s]+"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  /** Stable and URL-safe: the first 16 hex digits of SHA-256 over source and path. */
  public static String id(String source, String path) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((source + "\n" + path).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

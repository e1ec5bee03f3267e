package dev.flotilla.fluentconfig.tools;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.ConfigSource;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.load.LoadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lints a file, or every config file in a directory that no other file there includes (those are
 * linted as part of their includer). What {@code flotilla config lint} runs.
 */
public final class LintRun {
  private final ConfigSource source;
  private final Linter linter;

  public LintRun(ConfigSource source, Linter linter) {
    this.source = source;
    this.linter = linter;
  }

  public record Report(List<Path> mains, List<Finding> findings) {
    public long count(Severity s) {
      return findings.stream().filter(f -> f.severity() == s).count();
    }

    public boolean hasErrors() {
      return count(Severity.ERROR) > 0;
    }
  }

  public Report lint(Path target) throws IOException {
    ConfigLoader loader = new ConfigLoader(source);
    if (!Files.isDirectory(target)) {
      return new Report(List.of(target), linter.lint(loader.load(target)));
    }
    List<Path> candidates;
    try (Stream<Path> s = Files.list(target)) {
      candidates = s.filter(LintRun::isConfig).sorted().toList();
    }
    List<LoadedConfig> loaded = new ArrayList<>();
    Set<Path> included = new HashSet<>();
    List<Finding> findings = new ArrayList<>();
    for (Path p : candidates) {
      LoadedConfig c;
      try {
        c = loader.load(p);
      } catch (IOException e) {
        // One unreadable file is reported; the others are still linted.
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        findings.add(
            new Finding(
                Severity.ERROR,
                "unreadable",
                "cannot read " + p + ": " + why,
                Location.of(p.toString(), 1, 0),
                ""));
        continue;
      }
      loaded.add(c);
      for (LoadedFile f : c.files()) {
        if (f.role() != LoadedFile.Role.MAIN) {
          included.add(f.path().toAbsolutePath().normalize());
        }
      }
    }
    List<Path> mains = new ArrayList<>();
    for (LoadedConfig c : loaded) {
      if (!included.contains(c.main().toAbsolutePath().normalize())) {
        mains.add(c.main());
        findings.addAll(linter.lint(c));
      }
    }
    return new Report(mains, findings);
  }

  static boolean isConfig(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(p)
        && (n.endsWith(".conf") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".cfg"));
  }
}

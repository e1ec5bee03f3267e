package dev.flotilla.server.configs;

import dev.flotilla.editor.files.MemorySource;
import dev.flotilla.fleet.Agent;
import dev.flotilla.fleet.ConfigVersion;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lints a bundle with fluent-config, the same checks as {@code flotilla config lint} and the
 * supervisor's schema check: the main file (the one no other file includes), with the others
 * readable as its includes. Thread-safe.
 */
final class BundleLint {
  private static final Path DIR = Path.of("/config");
  private static final int MAX_FINDINGS = 50;

  private final Linter linter;

  BundleLint() {
    linter = Linter.bundledDefault(new SchemaJson());
  }

  ConfigVersion.Lint check(Map<String, Agent.ConfigFile> files, boolean forced) {
    Map<String, String> texts = new TreeMap<>();
    files.forEach((name, f) -> texts.put(name, f.body()));
    String main = mainFile(texts);
    List<Finding> findings;
    try {
      LoadedConfig loaded =
          new ConfigLoader(new MemorySource(DIR, texts))
              .load(DIR.resolve(main), texts.get(main), ConfigFormat.detect(main, texts.get(main)));
      findings = linter.lint(loaded);
    } catch (IOException | RuntimeException e) {
      return new ConfigVersion.Lint(
          1, 0, forced, List.of("error " + main + ": cannot be read: " + e.getMessage()));
    }
    int errors = 0;
    int warnings = 0;
    List<String> lines = new ArrayList<>();
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) {
        errors++;
      } else if (f.severity() == Severity.WARNING) {
        warnings++;
      } else {
        continue;
      }
      if (lines.size() < MAX_FINDINGS) {
        String file = f.location().file();
        String shown =
            file == null || file.isEmpty() ? main : DIR.relativize(Path.of(file)).toString();
        lines.add(
            f.severity().label()
                + " "
                + shown
                + ":"
                + f.location().line()
                + " ["
                + f.code()
                + "] "
                + f.message());
      }
    }
    return new ConfigVersion.Lint(errors, warnings, forced, List.copyOf(lines));
  }

  /** The file no other file names (an include or parsers file); else the first by name. */
  static String mainFile(Map<String, String> texts) {
    List<String> names = new ArrayList<>(texts.keySet());
    for (String name : names) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("fluent-bit.") || lower.startsWith("fluentd.")) {
        return name;
      }
    }
    for (String candidate : names) {
      boolean included = false;
      for (Map.Entry<String, String> other : texts.entrySet()) {
        if (!other.getKey().equals(candidate) && other.getValue().contains(candidate)) {
          included = true;
          break;
        }
      }
      if (!included) {
        return candidate;
      }
    }
    return names.getFirst();
  }
}

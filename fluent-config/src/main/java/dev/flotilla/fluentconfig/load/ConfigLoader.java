package dev.flotilla.fluentconfig.load;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Nesting;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.model.Include;
import dev.flotilla.fluentconfig.model.Section;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a main config file and follows its includes (globs included), parsers files and, for
 * classic outputs, upstream files, the way each engine resolves them. Problems become findings;
 * only an unreadable main file is an {@link IOException}.
 */
public final class ConfigLoader {
  /** Fluent Bit refuses more files than this. */
  private static final int MAX_FILES = 1000;

  private final ConfigSource source;

  public ConfigLoader(ConfigSource source) {
    this.source = source;
  }

  private final class Run {
    final Path mainDir;
    final ConfigFormat mainFormat;
    final List<LoadedFile> files = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    final Set<Path> seen = new HashSet<>();
    final LinkedHashSet<Path> stack = new LinkedHashSet<>();
    boolean incomplete;

    Run(Path main, ConfigFormat format) {
      this.mainDir = parent(main);
      this.mainFormat = format;
    }

    void load(Path path, LoadedFile.Role role, String text, Location from) throws IOException {
      Path key = path.toAbsolutePath().normalize();
      if (stack.contains(key)) {
        findings.add(
            new Finding(Severity.ERROR, "include-cycle", "include cycle: " + cycle(key), from, ""));
        return;
      }
      if (stack.size() >= Nesting.MAX_DEPTH) {
        findings.add(
            new Finding(
                Severity.ERROR,
                "include-depth",
                "includes nested deeper than " + Nesting.MAX_DEPTH + " levels: " + path,
                from,
                ""));
        incomplete = true;
        return;
      }
      if (!seen.add(key)) {
        if (mainFormat == ConfigFormat.FLUENT_BIT_CLASSIC && role == LoadedFile.Role.INCLUDE) {
          findings.add(
              new Finding(
                  Severity.ERROR, "duplicate-include", "file read twice: " + path, from, ""));
        }
        return;
      }
      if (files.size() >= MAX_FILES) {
        findings.add(
            new Finding(
                Severity.ERROR, "too-many-files", "more than " + MAX_FILES + " files", from, ""));
        return;
      }
      ConfigFormat format = formatOf(path, text);
      ConfigDocument doc;
      try {
        doc = ConfigDocument.parse(path.toString(), text, format);
      } catch (ConfigParseException e) {
        findings.add(new Finding(Severity.ERROR, "syntax", e.reason(), e.location(), ""));
        incomplete = true;
        return;
      }
      files.add(new LoadedFile(path, role, doc));
      stack.add(key);
      Path base = format == ConfigFormat.FLUENT_BIT_CLASSIC ? mainDir : parent(path);
      for (Include inc : doc.tree().includes()) {
        include(base, inc.pattern(), LoadedFile.Role.INCLUDE, inc.location(), true);
      }
      if (format.isFluentBit()) {
        for (Section s : doc.tree().sections("service")) {
          for (var p : s.all("parsers_file")) {
            include(base, p.value(), LoadedFile.Role.PARSERS, p.location(), false);
          }
        }
        if (format == ConfigFormat.FLUENT_BIT_CLASSIC) {
          for (Section s : doc.tree().sections("output")) {
            for (var p : s.all("upstream")) {
              if (!p.value().contains("${")) {
                include(base, p.value(), LoadedFile.Role.UPSTREAM, p.location(), false);
              }
            }
          }
        }
      }
      stack.remove(key);
    }

    void include(Path base, String pattern, LoadedFile.Role role, Location from, boolean globs)
        throws IOException {
      if (pattern.contains("${")) {
        incomplete = true;
        return;
      }
      if (pattern.startsWith("http://") || pattern.startsWith("https://")) {
        findings.add(
            new Finding(
                Severity.INFO,
                "remote-include",
                "remote include " + pattern + " is not fetched",
                from,
                ""));
        incomplete = true;
        return;
      }
      Path target;
      try {
        target = base.resolve(pattern);
      } catch (InvalidPathException e) {
        invalid(pattern, e.getReason(), from);
        return;
      }
      String name = target.getFileName() == null ? "" : target.getFileName().toString();
      if (globs && (name.contains("*") || name.contains("?") || name.contains("["))) {
        List<Path> matches;
        try {
          matches = source.glob(parent(target), name);
        } catch (PatternSyntaxException e) {
          invalid(pattern, e.getDescription() + " in the pattern", from);
          return;
        }
        if (matches.isEmpty()) {
          findings.add(
              new Finding(
                  Severity.WARNING, "empty-include", "no file matches " + pattern, from, ""));
        }
        for (Path m : matches) {
          Optional<String> text = read(m, from);
          if (text.isPresent()) {
            load(m, role, text.get(), from);
          }
        }
        return;
      }
      Optional<String> text;
      try {
        text = source.read(target);
      } catch (CharacterCodingException e) {
        notUtf8(target, from);
        return;
      }
      if (text.isEmpty()) {
        String code = role == LoadedFile.Role.UPSTREAM ? "undefined-upstream" : "missing-include";
        findings.add(new Finding(Severity.ERROR, code, "file not found: " + pattern, from, ""));
        incomplete = true;
        return;
      }
      load(target, role, text.get(), from);
    }

    /** A glob's match: gone by now reads as nothing, not UTF-8 as a finding. */
    private Optional<String> read(Path path, Location from) throws IOException {
      try {
        return source.read(path);
      } catch (CharacterCodingException e) {
        notUtf8(path, from);
        return Optional.empty();
      }
    }

    void notUtf8(Path path, Location from) {
      findings.add(
          new Finding(
              Severity.ERROR, "not-utf8", path + " is not UTF-8 text; save it as UTF-8", from, ""));
      incomplete = true;
    }

    private void invalid(String pattern, String why, Location from) {
      String shown = pattern.replace("\0", "\\0");
      findings.add(
          new Finding(
              Severity.ERROR,
              "invalid-include",
              "cannot read '" + shown + "' as a path: " + why,
              from,
              ""));
      incomplete = true;
    }

    private String cycle(Path back) {
      StringBuilder sb = new StringBuilder();
      boolean on = false;
      for (Path p : stack) {
        on |= p.equals(back);
        if (on) {
          sb.append(p.getFileName()).append(" -> ");
        }
      }
      return sb.append(back.getFileName()).toString();
    }

    private ConfigFormat formatOf(Path path, String text) {
      String n = path.toString().toLowerCase(java.util.Locale.ROOT);
      if (n.endsWith(".yaml") || n.endsWith(".yml")) {
        return ConfigFormat.FLUENT_BIT_YAML;
      }
      return mainFormat == ConfigFormat.FLUENTD
          ? ConfigFormat.FLUENTD
          : ConfigFormat.FLUENT_BIT_CLASSIC;
    }
  }

  /**
   * Loads {@code main}; the format is detected from its name and content. A main file that is not
   * UTF-8 gives a config of no files and a {@code not-utf8} finding.
   */
  public LoadedConfig load(Path main) throws IOException {
    Optional<String> read;
    try {
      read = source.read(main);
    } catch (CharacterCodingException e) {
      ConfigFormat format = ConfigFormat.detect(main.toString(), "");
      Run run = new Run(main, format);
      run.notUtf8(main, Location.of(main.toString(), 1, 0));
      return new LoadedConfig(main, format, run.files, run.findings, run.incomplete);
    }
    String text = read.orElseThrow(() -> new java.nio.file.NoSuchFileException(main.toString()));
    return load(main, text, ConfigFormat.detect(main.toString(), text));
  }

  public LoadedConfig load(Path main, String text, ConfigFormat format) throws IOException {
    Run run = new Run(main, format);
    run.load(main, LoadedFile.Role.MAIN, text, Location.of(main.toString(), 1, 0));
    return new LoadedConfig(main, format, run.files, run.findings, run.incomplete);
  }

  /** Kept relative when the main path is, so findings show paths the way the user gave them. */
  private static Path parent(Path p) {
    Path parent = p.getParent();
    return parent == null ? Path.of("") : parent;
  }
}

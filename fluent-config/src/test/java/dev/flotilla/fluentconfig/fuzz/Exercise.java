package dev.flotilla.fluentconfig.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.ConfigParseException;
import dev.flotilla.fluentconfig.Corpus;
import dev.flotilla.fluentconfig.MemorySource;
import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import dev.flotilla.fluentconfig.tools.LintRun;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One input through everything that reads configs: parse in each format (render must give the text
 * back), stamp, convert both ways, lint in memory beside the seeds, and lint a directory holding
 * its raw bytes. Throws when anything but a located {@link ConfigParseException} comes out.
 */
final class Exercise {
  /** A seed file by its path under the test resources. */
  record Seed(String path, byte[] bytes) {
    String name() {
      return path.substring(path.lastIndexOf('/') + 1);
    }
  }

  private final Linter linter;
  private final List<Seed> seeds;

  private Exercise(Linter linter, List<Seed> seeds) {
    this.linter = linter;
    this.seeds = seeds;
  }

  /** The corpus and {@code fuzz/seeds}, with the strict profile. */
  static Exercise create() throws IOException, URISyntaxException {
    SchemaJson json = new SchemaJson();
    Linter linter =
        new Linter(
            SchemaCatalog.bundled("fluent-bit", "5.1.1", json),
            SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, json),
            Profile.bundled("strict", json.mapper()));
    List<Seed> seeds = new ArrayList<>();
    addSeeds(seeds, Corpus.root(), "corpus/");
    addSeeds(seeds, resource("/fuzz/seeds"), "seeds/");
    return new Exercise(linter, List.copyOf(seeds));
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(Exercise.class.getResource(name).toURI());
  }

  static void addSeeds(List<Seed> into, Path root, String prefix) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        into.add(new Seed(prefix + rel, Files.readAllBytes(p)));
      }
    }
  }

  List<Seed> seeds() {
    return seeds;
  }

  /** {@code dir} is where the directory lint writes; null skips it. */
  void run(String path, byte[] bytes, Path dir) throws IOException {
    String name = path.substring(path.lastIndexOf('/') + 1);
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (ConfigFormat format : ConfigFormat.values()) {
      ConfigDocument doc;
      try {
        doc = ConfigDocument.parse(name, text, format);
      } catch (ConfigParseException e) {
        checkLocated(e, name);
        continue;
      }
      assertThat(doc.render()).isEqualTo(text);
      doc.tree().allSections();
      stamp(doc);
      convert(doc);
    }
    lintInMemory(path, text);
    if (dir != null) {
      lintDirectory(dir, name, bytes);
    }
  }

  private static void stamp(ConfigDocument doc) {
    ConfigMetadata m =
        Metadata.read(doc)
            .with(ConfigMetadata.CONFIG_VERSION, "2")
            .with(ConfigMetadata.DATE, "2025-01-01T00:00:00Z")
            .with("source", "fuzz");
    reparse(doc.file(), Metadata.write(doc, m, false), doc.format());
  }

  private static void convert(ConfigDocument doc) {
    Conversion c;
    ConfigFormat target;
    if (doc instanceof ClassicDocument classic) {
      c = new ClassicToYaml().convert(classic);
      target = ConfigFormat.FLUENT_BIT_YAML;
    } else if (doc instanceof YamlDocument yaml) {
      c = new YamlToClassic().convert(yaml);
      target = ConfigFormat.FLUENT_BIT_CLASSIC;
    } else {
      return;
    }
    reparse("converted", c.text(), target);
    for (var extra : c.extraFiles().entrySet()) {
      reparse(extra.getKey(), extra.getValue(), ConfigFormat.detect(extra.getKey(), ""));
    }
  }

  private static void reparse(String file, String text, ConfigFormat format) {
    try {
      ConfigDocument.parse(file, text, format).tree().allSections();
    } catch (ConfigParseException e) {
      checkLocated(e, file);
    }
  }

  /** The seeds sit at their own paths, so includes of other corpus files resolve. */
  private void lintInMemory(String path, String text) throws IOException {
    MemorySource source = new MemorySource();
    for (Seed s : seeds) {
      source.put("/fuzz/" + s.path(), new String(s.bytes(), StandardCharsets.UTF_8));
    }
    String main = "/fuzz/" + path;
    source.put(main, text);
    linter.lint(new ConfigLoader(source).load(Path.of(main)));
  }

  /** As {@code flotilla config lint DIR}: the raw bytes beside an untouched file. */
  private void lintDirectory(Path dir, String name, byte[] bytes) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.write(dir.resolve(name), bytes);
    Path clean = Files.writeString(dir.resolve("zz-clean.conf"), "[INPUT]\n    Name cpu\n");
    try {
      LintRun.Report report = new LintRun(new FileSystemSource(), linter).lint(dir);
      assertThat(report.mains())
          .extracting(p -> p.getFileName().toString())
          .contains("zz-clean.conf");
    } finally {
      // A long run writes hundreds of thousands of these.
      Files.deleteIfExists(file);
      Files.deleteIfExists(clean);
      Files.deleteIfExists(dir);
    }
  }

  private static void checkLocated(ConfigParseException e, String file) {
    assertThat(e.location().file()).isEqualTo(file);
    assertThat(e.location().line()).isPositive();
    assertThat(e.reason()).isNotBlank();
  }
}

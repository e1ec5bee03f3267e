package dev.flotilla.bench.config;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.ConfigSource;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parse and lint of a generated 5,000-line Fluent Bit classic config (plus its parsers file), warm.
 * The target is under 200 ms per run. Run {@code main} to print the figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx512m"})
public class LintBenchmark {
  static final Path MAIN = Path.of("/bench/fluent-bit.conf");
  static final Path PARSERS = Path.of("/bench/parsers.conf");

  String text;
  Linter linter;
  ConfigLoader loader;

  @Setup
  public void setUp() throws IOException {
    text = LargeConfig.classic(5_000);
    Map<Path, String> files = Map.of(MAIN, text, PARSERS, LargeConfig.parsers());
    loader =
        new ConfigLoader(
            new ConfigSource() {
              @Override
              public Optional<String> read(Path path) {
                return Optional.ofNullable(files.get(path));
              }

              @Override
              public List<Path> glob(Path dir, String pattern) {
                return List.of();
              }
            });
    SchemaJson json = new SchemaJson();
    linter =
        new Linter(
            SchemaCatalog.bundled("fluent-bit", SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION, json),
            SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, json),
            Profile.bundled("default", json.mapper()));
  }

  @Benchmark
  public List<Finding> parseAndLint5000Lines() throws IOException {
    return linter.lint(loader.load(MAIN, text, ConfigFormat.FLUENT_BIT_CLASSIC));
  }

  public static void main(String[] args) throws RunnerException {
    var options = new OptionsBuilder().include(LintBenchmark.class.getSimpleName()).build();
    for (RunResult r : new Runner(options).run()) {
      var score = r.getPrimaryResult();
      System.out.printf(
          "config lint, 5,000-line classic config: %.2f ± %.2f %s (target < 200 ms)%n",
          score.getScore(), score.getScoreError(), score.getScoreUnit());
    }
  }
}

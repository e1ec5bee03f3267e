package dev.flotilla.fluentconfig.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates real configs (the corpus and the seeds under {@code fuzz/seeds}) and runs each mutant
 * through {@link Exercise}: parse, render, stamp, convert (both directions) and lint, in memory
 * and, for some, from a directory on disk. Whatever the bytes, the only exception allowed is a
 * located parse error, and each input must finish within the time limit (a test of hangs, not of
 * speed).
 *
 * <p>The build runs a few thousand inputs with a fixed seed. A long run: {@code ./mvnw -pl
 * fluent-config test -Dtest=MutationFuzzTest -Dfuzz.inputs=10000000} (and {@code -Dfuzz.seed=N} for
 * other inputs). Failing inputs are written to {@code target/fuzz-failures/}; each one found
 * becomes a fixture under {@code fuzz/regressions} ({@link FuzzRegressionTest}).
 */
class MutationFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_F107L);
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 5000);
  private static final Duration LIMIT = Duration.ofMillis(Long.getLong("fuzz.limit.ms", 1000));
  private static final int DISK_EVERY = 25;
  private static final int MAX_FAILURES = 40;

  static Exercise exercise;

  @TempDir Path tmp;

  @BeforeAll
  static void setUp() throws Exception {
    exercise = Exercise.create();
  }

  @Test
  void mutatedConfigsFailOnlyWithLocatedParseErrors() {
    List<Exercise.Seed> seeds = exercise.seeds();
    Random random = new Random(SEED);
    Mutator mutator = new Mutator(random, seeds.stream().map(Exercise.Seed::bytes).toList());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < INPUTS && failures.size() < MAX_FAILURES; i++) {
      Exercise.Seed seed = seeds.get(random.nextInt(seeds.size()));
      Mutator.Mutant mutant = mutator.mutate(seed.bytes());
      Path dir = i % DISK_EVERY == 0 ? tmp.resolve("d" + i) : null;
      try {
        assertTimeoutPreemptively(LIMIT, () -> exercise.run(seed.path(), mutant.bytes(), dir));
      } catch (Throwable t) {
        failures.add(record(i, seed, mutant, t));
      }
    }
    assertThat(failures)
        .as("%d of %d inputs failed (seed %d)", failures.size(), INPUTS, SEED)
        .isEmpty();
  }

  private static String record(int i, Exercise.Seed seed, Mutator.Mutant mutant, Throwable t) {
    Path dir = Path.of("target", "fuzz-failures");
    try {
      Files.createDirectories(dir);
      Files.write(dir.resolve(i + "-" + seed.name()), mutant.bytes());
    } catch (IOException e) {
      // the summary below still names the input
    }
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    String[] lines = trace.toString().split("\n");
    StringBuilder sb = new StringBuilder();
    sb.append("input ").append(i).append(" from ").append(seed.path());
    sb.append(' ').append(mutant.steps()).append(": ").append(lines[0].strip());
    for (String line : lines) {
      if (line.contains("dev.flotilla") && !line.contains(".fuzz.")) {
        sb.append(" ").append(line.strip());
        break;
      }
    }
    return sb.toString();
  }
}

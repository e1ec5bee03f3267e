package dev.flotilla.fluentconfig.fuzz;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input that once crashed or hung a reader, kept under {@code fuzz/regressions} (raw bytes:
 * NULs, invalid UTF-8 and deep nesting as found), through the same {@link Exercise} as the fuzz
 * test.
 */
class FuzzRegressionTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> eachFixtureFailsOnlyWithLocatedParseErrors() throws Exception {
    Exercise exercise = Exercise.create();
    List<Exercise.Seed> fixtures = new ArrayList<>();
    Exercise.addSeeds(fixtures, Exercise.resource("/fuzz/regressions"), "regressions/");
    return fixtures.stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.name(),
                    () ->
                        assertTimeoutPreemptively(
                            Duration.ofSeconds(5),
                            () ->
                                exercise.run(f.path(), f.bytes(), tmp.resolve(f.name() + ".d")))));
  }
}

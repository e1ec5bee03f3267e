package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The supervisor is a deployable of its own: it never reaches into the server or the CLI. */
class DependencyRulesTest {

  @Test
  void mainCodeUsesNoOtherDeployable() throws IOException {
    Path main = Path.of("src/main/java");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(main)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> {
                    try {
                      String text = Files.readString(p);
                      return text.contains("dev.flotilla.server.")
                          || text.contains("dev.flotilla.cli.")
                          || text.contains("dev.flotilla.testkit.");
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(Path::toString)
              .toList();
    }
    assertThat(offenders).isEmpty();
  }
}

package dev.flotilla.fluentconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The test corpus of realistic configs under {@code src/test/resources/corpus}. */
public final class Corpus {
  private Corpus() {}

  public static Path root() {
    try {
      return Path.of(Corpus.class.getResource("/corpus").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static String read(String relative) {
    try {
      return Files.readString(path(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every valid corpus file (everything outside {@code errors/}), relative to the root. */
  public static List<String> validFiles() {
    try (Stream<Path> s = Files.walk(root())) {
      return s.filter(Files::isRegularFile)
          .map(p -> root().relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith("errors/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

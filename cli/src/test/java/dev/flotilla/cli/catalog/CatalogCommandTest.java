package dev.flotilla.cli.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CatalogCommandTest {
  @Test
  void needsASource() {
    assertThat(new CommandLine(new CatalogCommand()).execute()).isEqualTo(2);
    assertThat(new CommandLine(new CatalogCommand()).execute("--dir", "/no/such/folder"))
        .isEqualTo(2);
  }
}

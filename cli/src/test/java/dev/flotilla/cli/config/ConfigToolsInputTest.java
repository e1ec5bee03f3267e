package dev.flotilla.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.cli.ExitCodes;
import dev.flotilla.cli.Flotilla;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flotilla config} on files that are not UTF-8 or nest too deep: findings, not a stop. */
class ConfigToolsInputTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void lintOfADirectoryReportsANonUtf8FileByNameAndGoesOnWithTheOthers() throws IOException {
    Files.write(
        dir.resolve("a-latin1.conf"),
        "[INPUT]\n    Name dummy\n    Tag caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(dir.resolve("b-deep.conf"), "<label @a>\n".repeat(500));
    Files.writeString(dir.resolve("c-clean.conf"), "[INPUT]\n    Name cpu\n");
    Files.writeString(dir.resolve("d-unknown.conf"), "[INPUT]\n    Name nosuchplugin\n");

    assertThat(run("config", "lint", dir.toString())).isEqualTo(ExitCodes.FAILED);

    String text = out.toString();
    assertThat(text)
        .contains(dir.resolve("a-latin1.conf") + ":1: error [not-utf8]")
        .contains("a-latin1.conf is not UTF-8 text")
        .contains(
            dir.resolve("b-deep.conf") + ":65:1: error [syntax] nesting deeper than 64 levels")
        .contains(dir.resolve("d-unknown.conf").toString())
        .doesNotContain("Input length");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void convertAndMetadataNameTheFileThatIsNotUtf8() throws IOException {
    Path file = Files.write(dir.resolve("x.conf"), new byte[] {'[', 'I', (byte) 0xfe, ']', '\n'});
    assertThat(run("config", "convert", file.toString(), "--to", "yaml"))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains(file + " is not UTF-8 text").doesNotContain("Input length");
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Flotilla.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}

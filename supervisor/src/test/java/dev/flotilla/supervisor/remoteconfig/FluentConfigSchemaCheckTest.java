package dev.flotilla.supervisor.remoteconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.supervisor.agent.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A staged config the library cannot read is rejected with a reason, so the apply can finish. */
class FluentConfigSchemaCheckTest {
  @TempDir Path dir;

  @Test
  void deeplyNestedLabelsAreRejectedWithTheLine() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("fluent.conf"), "<label @a>\n".repeat(500) + "</label>\n".repeat(500));
    Validation v = new FluentConfigSchemaCheck().check(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.message()).contains(file + ":65:1").contains("nesting deeper than 64 levels");
  }

  @Test
  void aFileThatIsNotUtf8IsRejectedByName() throws IOException {
    Path file = Files.write(dir.resolve("fluent-bit.conf"), new byte[] {'[', (byte) 0xff, ']'});
    Validation v = new FluentConfigSchemaCheck().check(file);
    assertThat(v.valid()).isFalse();
    assertThat(v.message()).contains(file + " is not UTF-8 text");
  }
}

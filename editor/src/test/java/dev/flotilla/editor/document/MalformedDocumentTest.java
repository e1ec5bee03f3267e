package dev.flotilla.editor.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input the editor cannot use is a 4xx or a syntax error in the view, never an exception. */
class MalformedDocumentTest {
  @TempDir Path dir;

  private Documents documents() throws IOException {
    SchemaJson json = new SchemaJson();
    return new Documents(
        new Schemas(List.of(), json),
        Profile.bundled("default", json.mapper()),
        Optional.of(new Folder(dir)),
        Clock.systemUTC());
  }

  private static DocumentInput input(String name, String text, String path, Map<String, String> f) {
    return new DocumentInput(name, text, null, null, null, path, f);
  }

  @Test
  void fiveHundredNestedLabelsAreASyntaxErrorInTheView() throws IOException {
    String text = "<label @a>\n".repeat(500) + "</label>\n".repeat(500);
    View view = documents().view(input("fluent.conf", text, null, null));
    assertThat(view.syntaxError().message()).isEqualTo("nesting deeper than 64 levels");
    assertThat(view.syntaxError().line()).isEqualTo(65);
    assertThat(view.findings())
        .extracting(View.FindingView::code, View.FindingView::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("syntax", 65));
  }

  @Test
  void aNulInTheNameTheFilesOrThePathIsABadRequest() throws IOException {
    Documents documents = documents();
    String text = "[INPUT]\n    Name cpu\n";
    for (DocumentInput in :
        List.of(
            input("a\0.conf", text, null, null),
            input("a.conf", text, null, Map.of("x\0.conf", "")),
            input("a.conf", text, "sub/a\0.conf", null))) {
      assertThatThrownBy(() -> documents.view(in))
          .isInstanceOfSatisfying(
              FleetException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FleetException.Kind.BAD_REQUEST);
                assertThat(e.getMessage()).contains("\\0").contains("is not a valid path");
              });
    }
  }
}

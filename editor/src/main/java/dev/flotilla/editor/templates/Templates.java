package dev.flotilla.editor.templates;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.ConfigFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starting points bundled with the editor (resources under {@code dev/flotilla/editor/templates}).
 */
public final class Templates {
  private static final String DIR = "dev/flotilla/editor/templates/";

  /** A template as listed; {@code name} is the file name it opens as. */
  public record Template(
      String id, String title, String description, String engine, String format, String name) {}

  /** A template's content. */
  public record Content(String name, String text, String engine, String format) {}

  private final List<Template> list = new ArrayList<>();
  private final java.util.Map<String, String> texts = new java.util.HashMap<>();

  public Templates(JsonMapper json) {
    JsonNode index = json.readTree(resource("index.json"));
    for (JsonNode t : index.path("templates")) {
      String file = t.path("file").asString();
      String text = resource(file);
      ConfigFormat f = ConfigFormat.detect(file, text);
      list.add(
          new Template(
              t.path("id").asString(),
              t.path("title").asString(),
              t.path("description").asString(),
              f.isFluentBit() ? "fluent-bit" : "fluentd",
              Folder.format(f),
              file));
      texts.put(t.path("id").asString(), text);
    }
  }

  public List<Template> list() {
    return List.copyOf(list);
  }

  public Content get(String id) {
    Template t =
        list.stream()
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new FleetException(Kind.NOT_FOUND, "no template '" + id + "'"));
    return new Content(t.name(), texts.get(id), t.engine(), t.format());
  }

  private static String resource(String name) {
    try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

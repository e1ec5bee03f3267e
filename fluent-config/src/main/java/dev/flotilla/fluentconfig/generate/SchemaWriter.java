package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a schema set as {@code <root>/<engine>/<version>/<section>/<name>.json} plus an {@code
 * index.json} listing the documents, the layout {@code SchemaCatalog} reads.
 */
public final class SchemaWriter {
  private final SchemaJson json;

  public SchemaWriter(SchemaJson json) {
    this.json = json;
  }

  /** Returns the files written. */
  public List<Path> write(SchemaSet set, Path root) throws IOException {
    Path dir = root.resolve(set.engine()).resolve(set.version());
    List<Path> written = new ArrayList<>();
    ObjectNode index = json.mapper().createObjectNode();
    index.put("engine", set.engine());
    index.put("version", set.version());
    ArrayNode docs = index.putArray("documents");
    for (PluginSchema p : set.documents()) {
      Path file = dir.resolve(p.section()).resolve(fileName(p.name()));
      Files.createDirectories(file.getParent());
      Files.writeString(file, json.write(p), StandardCharsets.UTF_8);
      written.add(file);
      docs.add(p.section() + "/" + fileName(p.name()));
    }
    Path indexFile = dir.resolve("index.json");
    Files.writeString(
        indexFile,
        json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n",
        StandardCharsets.UTF_8);
    written.add(indexFile);
    return written;
  }

  static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9_.\\-]", "_") + ".json";
  }
}

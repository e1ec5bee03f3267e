package dev.flotilla.fluentconfig.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The schema documents of one engine version, with overlays applied. Immutable once built; build
 * one per version and share it (it is safe to read from several threads).
 */
public final class SchemaCatalog {
  public static final String FLUENT_BIT_DEFAULT_VERSION = "5.1.1";
  public static final String FLUENTD_VERSION = "1";
  private static final String ROOT = "dev/flotilla/fluentconfig/schema/";

  private final String engine;
  private final String version;
  private final Map<String, PluginSchema> documents;

  private SchemaCatalog(String engine, String version, Map<String, PluginSchema> documents) {
    this.engine = engine;
    this.version = version;
    this.documents = documents;
  }

  public static SchemaCatalog of(String engine, String version, List<PluginSchema> docs) {
    Map<String, PluginSchema> map = new LinkedHashMap<>();
    for (PluginSchema d : docs) {
      map.put(key(d.section(), d.name()), d);
    }
    return new SchemaCatalog(engine, version, map);
  }

  /**
   * Loads the documents shipped in this library for an engine ({@code fluent-bit} or {@code
   * fluentd}) and version.
   *
   * @throws IllegalArgumentException when no documents ship for that version
   */
  public static SchemaCatalog bundled(String engine, String version, SchemaJson json) {
    String dir = ROOT + engine + "/" + version + "/";
    String index = resource(dir + "index.json");
    if (index == null) {
      throw new IllegalArgumentException("no bundled schema for " + engine + " " + version);
    }
    List<PluginSchema> docs = new ArrayList<>();
    for (JsonNode entry : json.mapper().readTree(index).path("documents")) {
      String text = resource(dir + entry.asString());
      if (text != null) {
        docs.add(json.read(text));
      }
    }
    return of(engine, version, docs);
  }

  /**
   * Applies every {@code *.json} document under {@code dir}: a document for a known section and
   * name adds or tightens options (fields given in the overlay win); any other document adds a
   * plugin. Documents for another engine or version are skipped.
   */
  public SchemaCatalog withOverlays(Path dir, SchemaJson json) throws IOException {
    Map<String, PluginSchema> merged = new LinkedHashMap<>(documents);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      PluginSchema overlay = json.read(Files.readString(f, StandardCharsets.UTF_8));
      if ((overlay.engine() != null && !overlay.engine().equals(engine))
          || (overlay.version() != null
              && !overlay.version().equals("*")
              && !overlay.version().equals(version))) {
        continue;
      }
      String k = key(overlay.section(), overlay.name());
      PluginSchema base = merged.get(k);
      merged.put(k, base == null ? withIdentity(overlay) : Overlays.merge(base, overlay));
    }
    return new SchemaCatalog(engine, version, merged);
  }

  private PluginSchema withIdentity(PluginSchema p) {
    return new PluginSchema(
        engine, version, p.section(), p.name(), p.description(), p.docUrl(), p.options());
  }

  public String engine() {
    return engine;
  }

  public String version() {
    return version;
  }

  public Optional<PluginSchema> document(String section, String name) {
    return Optional.ofNullable(documents.get(key(section, name)));
  }

  /** Plugin names known for a section, in document order. */
  public List<String> names(String section) {
    return documents.values().stream()
        .filter(d -> d.section().equals(section))
        .map(PluginSchema::name)
        .toList();
  }

  public List<PluginSchema> documents() {
    return List.copyOf(documents.values());
  }

  private static String key(String section, String name) {
    return section + "/" + name.toLowerCase(Locale.ROOT);
  }

  private static String resource(String name) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

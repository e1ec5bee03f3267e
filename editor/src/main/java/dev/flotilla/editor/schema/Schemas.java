package dev.flotilla.editor.schema;

import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.schema.PluginSchema;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schema documents the editor knows: the ones bundled in fluent-config for each engine version,
 * with every overlay folder applied on top. Catalogs are built once per engine and version.
 */
public final class Schemas {
  public static final String FLUENT_BIT = "fluent-bit";
  public static final String FLUENTD = "fluentd";

  /** An engine and the schema versions bundled for it. */
  public record Engine(String engine, List<String> versions, String defaultVersion) {}

  private static final List<Engine> ENGINES =
      List.of(
          new Engine(
              FLUENT_BIT,
              List.of(SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION),
              SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION),
          new Engine(
              FLUENTD, List.of(SchemaCatalog.FLUENTD_VERSION), SchemaCatalog.FLUENTD_VERSION));

  private final List<Path> overlays;
  private final SchemaJson json;
  private final Map<String, SchemaCatalog> catalogs = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> payloads = new ConcurrentHashMap<>();

  public Schemas(List<Path> overlays, SchemaJson json) {
    this.overlays = List.copyOf(overlays);
    this.json = json;
  }

  public List<Engine> engines() {
    return ENGINES;
  }

  /** The version to use when a request names none (or names an empty one). */
  public String defaultVersion(String engine) {
    return engine(engine).defaultVersion();
  }

  /**
   * @throws FleetException BAD_REQUEST for an engine or version with no schema documents
   */
  public SchemaCatalog catalog(String engine, String version) {
    Engine e = engine(engine);
    String v = version == null || version.isBlank() ? e.defaultVersion() : version;
    if (!e.versions().contains(v)) {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "no schema documents for " + engine + " " + v + "; known: " + e.versions());
    }
    return catalogs.computeIfAbsent(engine + "@" + v, k -> load(e.engine(), v));
  }

  /** Every document of a catalog, grouped by section, as the browser reads them. */
  public ObjectNode payload(String engine, String version) {
    SchemaCatalog catalog = catalog(engine, version);
    return payloads.computeIfAbsent(
        catalog.engine() + "@" + catalog.version(),
        k -> {
          ObjectNode root = json.mapper().createObjectNode();
          root.put("engine", catalog.engine());
          root.put("version", catalog.version());
          ObjectNode sections = root.putObject("sections");
          Map<String, List<PluginSchema>> bySection = new LinkedHashMap<>();
          for (PluginSchema p : catalog.documents()) {
            bySection.computeIfAbsent(p.section(), s -> new ArrayList<>()).add(p);
          }
          bySection.forEach(
              (section, docs) -> {
                ArrayNode list = sections.putArray(section);
                docs.stream()
                    .sorted(java.util.Comparator.comparing(PluginSchema::name))
                    .forEach(d -> list.add(json.toJson(d)));
              });
          return root;
        });
  }

  private Engine engine(String engine) {
    return ENGINES.stream()
        .filter(e -> e.engine().equals(engine))
        .findFirst()
        .orElseThrow(
            () ->
                new FleetException(
                    Kind.BAD_REQUEST,
                    "unknown engine '" + engine + "'; use " + FLUENT_BIT + " or " + FLUENTD));
  }

  private SchemaCatalog load(String engine, String version) {
    SchemaCatalog catalog = SchemaCatalog.bundled(engine, version, json);
    for (Path dir : overlays) {
      try {
        catalog = catalog.withOverlays(dir, json);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read overlay folder " + dir, e);
      }
    }
    return catalog;
  }
}

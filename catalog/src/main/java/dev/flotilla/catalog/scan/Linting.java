package dev.flotilla.catalog.scan;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The linter the catalog applies: the bundled schemas (Fluent Bit at the default version) and the
 * bundled {@code default} profile, as the editor lints a buffer. Built once; thread-safe.
 */
public final class Linting {
  private Linting() {}

  public static Linter bundled(JsonMapper json) {
    SchemaJson schemas = new SchemaJson(json);
    try {
      return new Linter(
          SchemaCatalog.bundled("fluent-bit", SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION, schemas),
          SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, schemas),
          Profile.bundled("default", json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.flotilla.catalog.scan;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * The linter the catalog applies: the bundled schemas (Fluent Bit at the default version) and the
 * bundled {@code default} profile, as the editor lints a buffer. Built once; thread-safe.
 */
public final class Linting {
  private Linting() {}

  public static Linter bundled(JsonMapper json) {
    return Linter.bundledDefault(new SchemaJson(json));
  }
}

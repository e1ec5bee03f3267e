package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Validates loaded configs against schema catalogs and applies a profile. One linter can be shared;
 * each call works on its own state.
 */
public final class Linter {
  private static final Comparator<Finding> ORDER =
      Comparator.comparing((Finding f) -> f.location().file())
          .thenComparingInt(f -> f.location().line())
          .thenComparingInt(f -> f.location().column())
          .thenComparing(Finding::code);

  private final SchemaCatalog fluentBit;
  private final SchemaCatalog fluentd;
  private final Profile profile;

  public Linter(SchemaCatalog fluentBit, SchemaCatalog fluentd, Profile profile) {
    this.fluentBit = fluentBit;
    this.fluentd = fluentd;
    this.profile = profile;
  }

  /**
   * The checks every part of Flotilla runs by default ({@code flotilla config lint}, publishing,
   * the supervisor's schema check): the bundled Fluent Bit and Fluentd schemas and the default
   * profile.
   *
   * @throws java.io.UncheckedIOException when the bundled schemas cannot be read
   */
  public static Linter bundledDefault(dev.flotilla.fluentconfig.schema.SchemaJson json) {
    try {
      return new Linter(
          SchemaCatalog.bundled("fluent-bit", SchemaCatalog.FLUENT_BIT_DEFAULT_VERSION, json),
          SchemaCatalog.bundled("fluentd", SchemaCatalog.FLUENTD_VERSION, json),
          Profile.bundled("default", json.mapper()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("loading the bundled plugin schemas", e);
    }
  }

  /** Loader findings plus lint findings, with the profile applied, in file and line order. */
  public List<Finding> lint(LoadedConfig config) {
    Reporter out = new Reporter();
    out.addAll(config.findings());
    if (!config.files().isEmpty()) {
      if (config.format() == ConfigFormat.FLUENTD) {
        new FluentdLint(fluentd, out).run(config);
      } else {
        new FluentBitLint(fluentBit, out).run(config);
      }
    }
    return out.findings().stream()
        .map(profile::apply)
        .flatMap(Optional::stream)
        .sorted(ORDER)
        .toList();
  }
}

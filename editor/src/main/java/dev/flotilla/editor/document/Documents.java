package dev.flotilla.editor.document;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.ConfigDocument;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.classic.ClassicDocument;
import dev.flotilla.fluentconfig.convert.ClassicToYaml;
import dev.flotilla.fluentconfig.convert.Conversion;
import dev.flotilla.fluentconfig.convert.YamlToClassic;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.metadata.ConfigMetadata;
import dev.flotilla.fluentconfig.metadata.Metadata;
import dev.flotilla.fluentconfig.yaml.YamlDocument;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The editor's operations on one buffer: view, edit, convert, stamp. */
public final class Documents {
  public static final String SOURCE_KEY = "source";

  /** The answer to a conversion: the new buffer, further files it needs, what was not carried. */
  public record Converted(
      View view, Map<String, String> extraFiles, List<View.FindingView> report) {}

  private final Schemas schemas;
  private final Views views;
  private final Clock clock;

  public Documents(Schemas schemas, Profile profile, Optional<Folder> folder, Clock clock) {
    this.schemas = schemas;
    this.views = new Views(schemas, profile, folder);
    this.clock = clock;
  }

  public View view(DocumentInput in) {
    return views.of(Buffer.of(in, schemas));
  }

  /** Applies the edits in order; the first that cannot apply fails the call and changes nothing. */
  public View edit(DocumentInput in, List<Edit> edits) {
    Buffer b = Buffer.of(in, schemas);
    ConfigDocument doc = b.parsed();
    int n = 0;
    for (Edit e : edits == null ? List.<Edit>of() : edits) {
      n++;
      try {
        doc = Edits.apply(doc, e);
      } catch (IllegalArgumentException ex) {
        throw new FleetException(
            Kind.BAD_REQUEST, "edit " + n + " (" + e.op() + "): " + ex.getMessage());
      }
    }
    return views.of(b.with(doc));
  }

  /** Fluent Bit classic to YAML or back; the new buffer takes the matching file extension. */
  public Converted convert(DocumentInput in, String to) {
    Buffer b = Buffer.of(in, schemas);
    ConfigFormat target = Buffer.format(to == null ? "" : to);
    ConfigDocument doc = b.parsed();
    Conversion c;
    if (doc instanceof ClassicDocument classic && target == ConfigFormat.FLUENT_BIT_YAML) {
      c = new ClassicToYaml().convert(classic);
    } else if (doc instanceof YamlDocument yaml && target == ConfigFormat.FLUENT_BIT_CLASSIC) {
      c = new YamlToClassic().convert(yaml);
    } else {
      throw new FleetException(
          Kind.BAD_REQUEST,
          "cannot convert "
              + Folder.format(b.format())
              + " to "
              + Folder.format(target)
              + "; conversion is between fluent-bit-classic and fluent-bit-yaml");
    }
    String name = renamed(b.name(), target);
    DocumentInput out =
        new DocumentInput(
            name,
            c.text(),
            b.engine(),
            b.version(),
            Folder.format(target),
            in.path() == null ? null : renamed(in.path(), target),
            in.files());
    List<View.FindingView> report = c.report().stream().map(f -> finding(f, name)).toList();
    return new Converted(view(out), c.extraFiles(), report);
  }

  /**
   * Writes the metadata header: {@code config_version} one higher, {@code date} now, {@code source}
   * where the text came from and, for Fluent Bit, the {@code engine_version} it was validated
   * against. The rest of the text stays byte for byte.
   */
  public View stamp(DocumentInput in, String source) {
    Buffer b = Buffer.of(in, schemas);
    ConfigDocument doc = b.parsed();
    ConfigMetadata m = Metadata.read(doc);
    long version = m.get(ConfigMetadata.CONFIG_VERSION).map(Documents::number).orElse(0L);
    m =
        m.with(ConfigMetadata.CONFIG_VERSION, Long.toString(version + 1))
            .with(ConfigMetadata.DATE, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    if (source != null && !source.isBlank()) {
      m = m.with(SOURCE_KEY, source.strip().replaceAll("[\\r\\n]", " "));
    }
    if (b.format().isFluentBit()) {
      m = m.with(ConfigMetadata.ENGINE_VERSION, b.version());
    }
    return view(in.withText(Metadata.write(doc, m, false)));
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String renamed(String name, ConfigFormat target) {
    int dot = name.lastIndexOf('.');
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    String base = dot > slash ? name.substring(0, dot) : name;
    return base + (target == ConfigFormat.FLUENT_BIT_YAML ? ".yaml" : ".conf");
  }

  private static View.FindingView finding(Finding f, String file) {
    return new View.FindingView(
        f.severity().label(),
        f.code(),
        f.message(),
        file,
        f.location().line(),
        f.location().column(),
        f.path());
  }
}

package dev.flotilla.editor.document;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.editor.files.MemorySource;
import dev.flotilla.editor.schema.SchemaRef;
import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.editor.schema.SegmentKinds;
import dev.flotilla.fluentconfig.ConfigFormat;
import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.ConfigSource;
import dev.flotilla.fluentconfig.load.LoadedConfig;
import dev.flotilla.fluentconfig.metadata.Metadata;
import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the browser's view of a buffer: segments with their schemas, findings, pipeline. */
final class Views {
  private final Schemas schemas;
  private final Profile profile;
  private final Optional<Folder> folder;

  Views(Schemas schemas, Profile profile, Optional<Folder> folder) {
    this.schemas = schemas;
    this.profile = profile;
    this.folder = folder;
  }

  View of(Buffer b) {
    List<View.FindingView> findings = lint(b);
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String s : List.of("error", "warning", "info")) {
      counts.put(s, findings.stream().filter(f -> f.severity().equals(s)).count());
    }
    String format = Folder.format(b.format());
    View.SyntaxError syntaxError = null;
    List<View.Segment> segments = new ArrayList<>();
    List<String> kinds = List.of();
    List<View.Variable> variables = List.of();
    List<View.IncludeView> includes = List.of();
    Map<String, String> metadata = Map.of();
    PipelineGraph.Graph pipeline = new PipelineGraph.Graph(List.of(), List.of());
    if (b.document() == null) {
      var e = b.syntaxError();
      syntaxError = new View.SyntaxError(e.reason(), e.location().line(), e.location().column());
    } else {
      ConfigTree tree = b.document().tree();
      SchemaCatalog catalog = schemas.catalog(b.engine(), b.version());
      for (Section s : tree.sections()) {
        segments.add(segment(s, b.format(), catalog));
      }
      kinds = SegmentKinds.topKinds(b.format(), tree);
      variables =
          tree.variables().stream()
              .map(v -> new View.Variable(v.key(), v.value(), v.location().line()))
              .toList();
      includes =
          tree.includes().stream()
              .map(i -> new View.IncludeView(i.pattern(), i.location().line()))
              .toList();
      metadata = Metadata.read(b.document()).values();
      pipeline = PipelineGraph.of(tree);
    }
    return new View(
        b.name(),
        b.input().path(),
        b.engine(),
        b.version(),
        format,
        b.input().text(),
        metadata,
        syntaxError,
        segments,
        kinds,
        variables,
        includes,
        findings,
        counts,
        pipeline);
  }

  private View.Segment segment(Section s, ConfigFormat format, SchemaCatalog catalog) {
    Optional<SchemaRef> ref = SegmentKinds.resolve(catalog, format, s);
    String plugin = s.plugin().orElse("");
    List<View.Segment> children = new ArrayList<>();
    for (Section c : s.children()) {
      children.add(segment(c, format, catalog));
    }
    List<View.Field> fields = new ArrayList<>();
    for (Property p : s.properties()) {
      fields.add(
          new View.Field(
              p.key(),
              p.value(),
              p.location().line(),
              p.location().column(),
              p.path(),
              p.structured()));
    }
    return new View.Segment(
        s.path(),
        s.kind(),
        s.argument(),
        plugin,
        s.location().line(),
        title(s, plugin),
        ref.orElse(null),
        fields,
        children,
        SegmentKinds.childKinds(format, s),
        !s.kind().equals("service") && !s.kind().equals("system"));
  }

  private static String title(Section s, String plugin) {
    StringBuilder t = new StringBuilder(s.kind());
    if (!s.argument().isBlank()) {
      t.append(s.kind().equals("processor") ? " (" + s.argument() + ")" : " " + s.argument());
    }
    if (!plugin.isBlank()) {
      t.append(" · ").append(plugin);
    }
    return t.toString();
  }

  private List<View.FindingView> lint(Buffer b) {
    Path main;
    ConfigSource source;
    Path shown;
    if (b.input().path() != null && folder.isPresent()) {
      main = folder.get().resolve(b.input().path());
      source = folder.get().source();
      shown = folder.get().root();
    } else {
      main = Path.of(b.name()).toAbsolutePath().getRoot().resolve("config").resolve(b.name());
      source = new MemorySource(main.getParent(), b.input().files());
      shown = main.getParent();
    }
    LoadedConfig loaded;
    try {
      loaded = new ConfigLoader(source).load(main, b.input().text(), b.format());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Linter linter =
        new Linter(
            b.format().isFluentBit()
                ? schemas.catalog(b.engine(), b.version())
                : schemas.catalog(Schemas.FLUENT_BIT, null),
            b.format().isFluentBit()
                ? schemas.catalog(Schemas.FLUENTD, null)
                : schemas.catalog(b.engine(), b.version()),
            profile);
    List<View.FindingView> out = new ArrayList<>();
    for (Finding f : linter.lint(loaded)) {
      out.add(
          new View.FindingView(
              f.severity().label(),
              f.code(),
              f.message(),
              displayName(f.location().file(), main, shown, b.name()),
              f.location().line(),
              f.location().column(),
              f.path()));
    }
    return out;
  }

  /** The main file by its name, others relative to the folder: never a server-side path. */
  private static String displayName(String file, Path main, Path shown, String name) {
    if (file == null || file.isEmpty() || file.equals(main.toString())) {
      return name;
    }
    Path p = Path.of(file);
    return p.isAbsolute() && p.startsWith(shown)
        ? shown.relativize(p).toString().replace('\\', '/')
        : p.getFileName().toString();
  }
}

package dev.flotilla.editor.document;

import dev.flotilla.editor.schema.SchemaRef;
import java.util.List;
import java.util.Map;

/** A document as the browser shows it: text, segments, findings and the pipeline. */
public record View(
    String name,
    String path,
    String engine,
    String version,
    String format,
    String text,
    Map<String, String> metadata,
    SyntaxError syntaxError,
    List<Segment> segments,
    List<String> kinds,
    List<Variable> variables,
    List<IncludeView> includes,
    List<FindingView> findings,
    Map<String, Long> counts,
    PipelineGraph.Graph pipeline) {

  public record SyntaxError(String message, int line, int column) {}

  public record Segment(
      String path,
      String kind,
      String argument,
      String plugin,
      int line,
      String title,
      SchemaRef schema,
      List<Field> properties,
      List<Segment> children,
      List<String> childKinds,
      boolean movable) {}

  public record Field(
      String key, String value, int line, int column, String path, boolean structured) {}

  public record Variable(String key, String value, int line) {}

  public record IncludeView(String pattern, int line) {}

  public record FindingView(
      String severity,
      String code,
      String message,
      String file,
      int line,
      int column,
      String path) {}
}

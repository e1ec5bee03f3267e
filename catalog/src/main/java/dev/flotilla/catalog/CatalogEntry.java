package dev.flotilla.catalog;

import dev.flotilla.catalog.source.LastChange;
import java.util.List;
import java.util.Map;

/**
 * One catalog entry: a main config file and every file it pulls in (its bundle), classified, linted
 * and described by the version metadata stamped in its header.
 *
 * @param id stable for the same source and path (URL-safe)
 * @param source the source's name
 * @param path the main file, relative to the source root
 * @param engine {@code fluent-bit} or {@code fluentd}; null when the file could not be read
 * @param format {@code fluent-bit-classic}, {@code fluent-bit-yaml} or {@code fluentd}
 * @param metadata every header value ({@code config_version}, {@code description}, {@code owner},
 *     {@code tags}, …)
 * @param tags {@code tags} split on commas and blanks
 * @param size bytes of the main file; {@code bundleSize} of all its files
 * @param lastChange null when unknown
 * @param revision commit the source was read at; null for a folder
 * @param files the bundle, main file first
 * @param error why the main file could not be read or parsed; null when it could
 */
public record CatalogEntry(
    String id,
    String source,
    String path,
    String engine,
    String format,
    Map<String, String> metadata,
    String configVersion,
    String description,
    String owner,
    List<String> tags,
    long size,
    long bundleSize,
    LastChange lastChange,
    String revision,
    Lint lint,
    List<BundleFile> files,
    String error) {

  public CatalogEntry {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    tags = List.copyOf(tags);
    files = List.copyOf(files);
  }

  /**
   * A file of the bundle.
   *
   * @param name relative to the main file's folder, as the files of a remote config are named
   * @param path relative to the source root
   * @param role {@code main}, {@code include}, {@code parsers} or {@code upstream}
   */
  public record BundleFile(String name, String path, String role, long size) {}

  /**
   * The linter's verdict over the whole bundle, as the editor reports it.
   *
   * @param state {@code ok}, {@code warnings} or {@code errors}
   */
  public record Lint(String state, int errors, int warnings, List<Finding> findings) {
    public Lint {
      findings = List.copyOf(findings);
    }
  }

  /** A lint finding; {@code file} is a bundle file name. */
  public record Finding(
      String severity, String code, String message, String file, int line, int column) {}
}

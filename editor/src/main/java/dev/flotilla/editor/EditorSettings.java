package dev.flotilla.editor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the editor may reach: a folder of config files to open and save, overlay schema folders, and
 * the local engine binaries used for a dry run ({@code fluent-bit}, {@code fluentd} → executable).
 *
 * @param allowFluentdRuby whether a Fluentd config with embedded Ruby ({@code #{...}}, which
 *     fluentd evaluates while it parses) may be dry-run; off by default
 */
public record EditorSettings(
    Optional<Path> folder,
    List<Path> overlays,
    Map<String, Path> binaries,
    Duration dryRunTimeout,
    boolean allowFluentdRuby) {

  public EditorSettings {
    overlays = List.copyOf(overlays);
    binaries = Map.copyOf(binaries);
  }

  /** Embedded Ruby refused. */
  public EditorSettings(
      Optional<Path> folder, List<Path> overlays, Map<String, Path> binaries, Duration timeout) {
    this(folder, overlays, binaries, timeout, false);
  }

  public static EditorSettings defaults() {
    return new EditorSettings(Optional.empty(), List.of(), Map.of(), Duration.ofSeconds(60));
  }

  public EditorSettings withFolder(Path dir) {
    return new EditorSettings(
        Optional.ofNullable(dir), overlays, binaries, dryRunTimeout, allowFluentdRuby);
  }

  public EditorSettings withOverlays(List<Path> dirs) {
    return new EditorSettings(folder, dirs, binaries, dryRunTimeout, allowFluentdRuby);
  }

  public EditorSettings withFluentdRuby(boolean allow) {
    return new EditorSettings(folder, overlays, binaries, dryRunTimeout, allow);
  }

  public EditorSettings withBinary(String engine, Path executable) {
    Map<String, Path> all = new java.util.HashMap<>(binaries);
    if (executable == null) {
      all.remove(engine);
    } else {
      all.put(engine, executable);
    }
    return new EditorSettings(folder, overlays, all, dryRunTimeout, allowFluentdRuby);
  }
}

package dev.flotilla.supervisor.agent;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

/**
 * Maps between config files on disk and {@link AgentConfigMap} keys: a file below the main config's
 * folder is keyed by its relative path ({@code /}-separated), anything else by its absolute path.
 */
public final class ConfigFileSet {

  private ConfigFileSet() {}

  public static String key(Path mainFile, Path file) {
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(base)
        ? base.relativize(abs).toString().replace('\\', '/')
        : abs.toString();
  }

  /** Resolves a remote key; the empty key means the main file. Not yet checked against anything. */
  public static Path resolve(Path mainFile, String key) {
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    return key.isEmpty() ? mainFile.toAbsolutePath().normalize() : base.resolve(key).normalize();
  }

  public static String contentType(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") ? "text/yaml" : "text/plain";
  }

  /**
   * The files as effective config. Only files physically inside the main config's folder are
   * reported: an include of {@code /etc/shadow} or a symlink out of the folder is left out, so the
   * server never receives a file the supervisor would not write.
   */
  public static EffectiveConfig read(Path mainFile, Collection<Path> files) {
    AgentConfigMap.Builder map = AgentConfigMap.newBuilder();
    Path base = mainFile.toAbsolutePath().normalize().getParent();
    Path realBase;
    try {
      realBase = base.toRealPath();
    } catch (IOException e) {
      return EffectiveConfig.newBuilder().setConfigMap(map).build();
    }
    for (Path file : files) {
      try {
        Path abs = file.toAbsolutePath().normalize();
        if (!abs.startsWith(base) || !abs.toRealPath().startsWith(realBase)) {
          continue;
        }
        map.putConfigMap(
            key(mainFile, file),
            AgentConfigFile.newBuilder()
                .setBody(ByteString.copyFrom(Files.readAllBytes(file)))
                .setContentType(contentType(file))
                .build());
      } catch (IOException e) {
        // A file that disappeared between listing and reading is simply not reported.
      }
    }
    return EffectiveConfig.newBuilder().setConfigMap(map).build();
  }

  /**
   * The files an include names, relative to {@code baseDir}: the path itself, or for a pattern with
   * {@code *} the matching files in name order (none when the folder cannot be read).
   */
  public static java.util.List<Path> expandInclude(Path baseDir, String pattern) {
    Path target = baseDir.resolve(pattern).normalize();
    if (!pattern.contains("*")) {
      return java.util.List.of(target);
    }
    java.util.List<Path> out = new java.util.ArrayList<>();
    try (java.nio.file.DirectoryStream<Path> dir =
        Files.newDirectoryStream(target.getParent(), target.getFileName().toString())) {
      dir.forEach(out::add);
    } catch (IOException e) {
      return java.util.List.of();
    }
    out.sort(null);
    return out;
  }
}

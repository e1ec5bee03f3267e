package dev.flotilla.cli.configs;

import dev.flotilla.fleet.Agent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a config bundle read from the command line: each file given, and every regular file
 * directly inside each folder given (hidden files skipped). A file is keyed by its name alone, the
 * way the main file's includes name it, so two files of the same name are refused.
 */
public final class Bundle {
  private Bundle() {}

  /**
   * @throws IllegalArgumentException for a path that is neither a file nor a folder, an empty
   *     bundle or two files of the same name
   * @throws IOException when a file cannot be read
   */
  public static Map<String, Agent.ConfigFile> read(List<Path> paths) throws IOException {
    Map<String, Path> byName = new TreeMap<>();
    for (Path p : paths) {
      for (Path f : filesOf(p)) {
        Path earlier = byName.put(f.getFileName().toString(), f);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "two files named " + f.getFileName() + ": " + earlier + " and " + f);
        }
      }
    }
    if (byName.isEmpty()) {
      throw new IllegalArgumentException("no config files in " + paths);
    }
    Map<String, Agent.ConfigFile> files = new TreeMap<>();
    for (Map.Entry<String, Path> e : byName.entrySet()) {
      files.put(
          e.getKey(),
          new Agent.ConfigFile(Files.readString(e.getValue()), contentType(e.getKey())));
    }
    return files;
  }

  private static List<Path> filesOf(Path p) throws IOException {
    if (Files.isRegularFile(p)) {
      return List.of(p);
    }
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException(p + ": no such file or folder");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> children = Files.list(p)) {
      children
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .sorted()
          .forEach(out::add);
    }
    return out;
  }

  /** {@code text/yaml} for YAML files, {@code text/plain} for everything else. */
  static String contentType(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") ? "text/yaml" : "text/plain";
  }
}

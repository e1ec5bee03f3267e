package dev.flotilla.supervisor.fluentbit;

import dev.flotilla.supervisor.agent.ConfigFileSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the supervisor reads from a Fluent Bit config (classic or YAML): the {@code service} keys
 * (lower-cased) and every file the agent reads — the main file, {@code @INCLUDE}/{@code includes},
 * and the parsers, plugins and streams files. Tolerant: unreadable parts are skipped, since the
 * agent's own dry run is the judge of validity.
 */
record FluentBitConfig(Path mainFile, Map<String, String> service, List<Path> files) {

  private static final List<String> FILE_KEYS =
      List.of("parsers_file", "plugins_file", "streams_file");

  static FluentBitConfig read(Path mainFile) {
    Path main = mainFile.toAbsolutePath().normalize();
    Map<String, String> service = new LinkedHashMap<>();
    Set<Path> files = new LinkedHashSet<>();
    if (isYaml(main)) {
      readYaml(main, service, files);
    } else {
      readClassic(main, main.getParent(), service, files);
    }
    for (String key : FILE_KEYS) {
      String value = service.get(key);
      if (value != null && !value.isBlank()) {
        Path p = main.getParent().resolve(value.strip()).normalize();
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    return new FluentBitConfig(main, service, List.copyOf(files));
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  boolean flag(String key, List<String> args, String... cliFlags) {
    for (String f : cliFlags) {
      if (args.contains(f)) {
        return true;
      }
    }
    String v = service.getOrDefault(key, "off").strip().toLowerCase(Locale.ROOT);
    return v.equals("on") || v.equals("true") || v.equals("yes");
  }

  /** The monitoring API base URI, or null when the HTTP server is off. CLI flags win. */
  URI monitoringBase(List<String> args) {
    if (!flag("http_server", args, "-H", "--http", "--http_server")) {
      return null;
    }
    String listen =
        cliValue(args, service.getOrDefault("http_listen", "0.0.0.0"), "-L", "--http_listen");
    String port =
        cliValue(args, service.getOrDefault("http_port", "2020"), "-P", "--port", "--http_port");
    if (listen.equals("0.0.0.0") || listen.equals("::") || listen.isBlank()) {
      listen = "127.0.0.1";
    }
    String host = listen.contains(":") ? "[" + listen + "]" : listen;
    return URI.create("http://" + host + ":" + port.strip());
  }

  private static String cliValue(List<String> args, String fallback, String... names) {
    for (int i = 0; i < args.size() - 1; i++) {
      if (List.of(names).contains(args.get(i))) {
        return args.get(i + 1);
      }
    }
    return fallback;
  }

  private static void readClassic(
      Path file, Path baseDir, Map<String, String> service, Set<Path> files) {
    if (!files.add(file) || files.size() > 1000) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return;
    }
    boolean inService = false;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.regionMatches(true, 0, "@INCLUDE", 0, 8)) {
        for (Path inc : ConfigFileSet.expandInclude(baseDir, line.substring(8).strip())) {
          readClassic(inc, baseDir, service, files);
        }
      } else if (line.startsWith("[")) {
        inService = line.equalsIgnoreCase("[SERVICE]");
      } else if (inService) {
        String[] kv = line.split("\\s+", 2);
        service.put(kv[0].toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1] : "");
      }
    }
  }

  private static void readYaml(Path file, Map<String, String> service, Set<Path> files) {
    if (!files.add(file) || files.size() > 1000) {
      return;
    }
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(file.toFile());
    } catch (RuntimeException e) {
      return;
    }
    if (root == null || !root.isObject()) {
      return;
    }
    for (var entry : root.properties()) {
      String key = entry.getKey().toLowerCase(Locale.ROOT);
      if (key.equals("includes")) {
        for (JsonNode inc : entry.getValue()) {
          for (Path p : ConfigFileSet.expandInclude(file.getParent(), inc.asString())) {
            readYaml(p, service, files);
          }
        }
      } else if (key.equals("service")) {
        entry
            .getValue()
            .properties()
            .forEach(
                e ->
                    service.put(
                        e.getKey().toLowerCase(Locale.ROOT),
                        e.getValue().isValueNode()
                            ? e.getValue().asString()
                            : e.getValue().toString()));
      }
    }
  }
}

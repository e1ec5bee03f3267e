package dev.flotilla.supervisor.fluentd;

import dev.flotilla.supervisor.agent.ConfigFileSet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the supervisor reads from a Fluentd config: the files ({@code @include}, globs), the {@code
 * <system>} parameters and the first {@code monitor_agent} source. Tolerant; the agent's dry run
 * judges validity.
 */
record FluentdConfig(
    List<Path> files, Map<String, String> system, Map<String, String> monitorAgent) {

  static FluentdConfig read(Path mainFile) {
    Set<Path> files = new LinkedHashSet<>();
    Map<String, String> system = new LinkedHashMap<>();
    Map<String, String> monitor = new LinkedHashMap<>();
    readInto(mainFile.toAbsolutePath().normalize(), files, system, monitor);
    return new FluentdConfig(List.copyOf(files), system, monitor);
  }

  /** The monitor_agent base URI (worker 0), or null without a monitor_agent source. */
  URI monitorBase() {
    if (monitorAgent.isEmpty()) {
      return null;
    }
    return base(
        monitorAgent.getOrDefault("bind", "0.0.0.0"), monitorAgent.getOrDefault("port", "24220"));
  }

  /** The RPC endpoint base URI, or null when {@code rpc_endpoint} is not set. */
  URI rpcBase() {
    String endpoint = system.get("rpc_endpoint");
    if (endpoint == null || !endpoint.contains(":")) {
      return null;
    }
    int colon = endpoint.lastIndexOf(':');
    return base(endpoint.substring(0, colon), endpoint.substring(colon + 1));
  }

  boolean getDumpEnabled() {
    return "true".equals(system.get("enable_get_dump"));
  }

  private static URI base(String bind, String port) {
    String host = bind.equals("0.0.0.0") || bind.isBlank() ? "127.0.0.1" : bind;
    return URI.create("http://" + host + ":" + port.strip());
  }

  private static void readInto(
      Path file, Set<Path> files, Map<String, String> system, Map<String, String> monitor) {
    if (!files.add(file) || files.size() > 1000) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return;
    }
    String section = null;
    Map<String, String> params = null;
    int depth = 0;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("@include ")) {
        for (Path p : ConfigFileSet.expandInclude(file.getParent(), line.substring(9).strip())) {
          readInto(p, files, system, monitor);
        }
      } else if (line.startsWith("</")) {
        if (--depth == 0) {
          if ("source".equals(section)
              && "monitor_agent".equals(params.get("@type"))
              && monitor.isEmpty()) {
            monitor.putAll(params);
          }
          section = null;
        }
      } else if (line.startsWith("<")) {
        if (depth++ == 0) {
          section = line.substring(1).split("[\\s>]", 2)[0];
          params = section.equals("system") ? system : new LinkedHashMap<>();
        }
      } else if (depth == 1 && params != null) {
        String[] kv = line.split("\\s+", 2);
        params.put(
            kv[0], kv.length > 1 ? kv[1].replaceAll("\\s+#.*$", "").replaceAll("^\"|\"$", "") : "");
      }
    }
  }
}

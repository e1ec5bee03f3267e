package dev.flotilla.supervisor.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's config metadata header: {@code # key: value} comment lines at the very top of the
 * main config file (the older {@code # config-service: key=value} form is read too), e.g.
 *
 * <pre>
 * # config_version: 42
 * # instance_id_template: ${HOSTNAME}-edge
 * </pre>
 *
 * All agent formats treat these lines as comments. The supervisor reports {@code config_version} as
 * {@code config.version}, a {@code service.instance.id} or expanded {@code instance_id_template} as
 * {@code service.instance.id}, and every other key as {@code config.<key>}.
 */
public final class ConfigMetadata {

  private static final Pattern LINE =
      Pattern.compile("#\\s*([A-Za-z][A-Za-z0-9_.\\-]*):\\s?(.*?)\\s*");
  private static final Pattern LEGACY =
      Pattern.compile("#\\s*config-service:\\s*([^=\\s]+)\\s*=\\s*(.*?)\\s*");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private ConfigMetadata() {}

  /** The raw header keys and values, header lines winning over legacy ones. */
  public static Map<String, String> read(Path file) {
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, String> legacy = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      return header;
    }
    boolean inHeader = true;
    for (String raw : lines) {
      String line = raw.replace("\uFEFF", "").strip();
      if (!line.startsWith("#")) {
        break;
      }
      Matcher old = LEGACY.matcher(line);
      Matcher m = LINE.matcher(line);
      if (old.matches()) {
        legacy.put(old.group(1), old.group(2));
        inHeader = false;
      } else if (inHeader && m.matches()) {
        header.put(m.group(1), m.group(2));
      } else {
        inHeader = false;
      }
    }
    legacy.putAll(header);
    return legacy;
  }

  /** Splits the metadata into identifying and non-identifying description attributes. */
  public static void describe(
      Path file, Map<String, String> identifying, Map<String, String> nonIdentifying) {
    read(file)
        .forEach(
            (key, value) -> {
              switch (key) {
                case "service.instance.id" -> identifying.put(key, value);
                case "instance_id_template" ->
                    identifying.putIfAbsent("service.instance.id", expand(value));
                case "config_version" -> nonIdentifying.put("config.version", value);
                default -> nonIdentifying.put("config." + key, value);
              }
            });
  }

  private static String expand(String template) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value =
          name.equals("HOSTNAME") || name.equals("HOST")
              ? HostAttributes.hostName()
              : System.getenv().getOrDefault(name, "");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}

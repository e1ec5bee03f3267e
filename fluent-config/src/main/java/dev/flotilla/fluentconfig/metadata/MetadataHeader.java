package dev.flotilla.fluentconfig.metadata;

import dev.flotilla.fluentconfig.TextLines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metadata header: {@code # key: value} comment lines at the very top of a file. All three
 * formats use {@code #} comments, so one header fits them all. The older {@code # config-service:
 * key=value} lines anywhere in the leading comment block are read too (header lines win).
 */
public final class MetadataHeader {
  // Matched against stripped lines, so the value runs to the end: a lazy value followed by \s*
  // took time quadratic in the line's length (minutes for one long line of spaces).
  private static final Pattern LINE = Pattern.compile("#\\s*([A-Za-z][A-Za-z0-9_.\\-]*):\\s?(.*)");
  private static final Pattern LEGACY =
      Pattern.compile("#\\s*config-service:\\s*([^=\\s]+)\\s*=\\s*(.*)");

  private MetadataHeader() {}

  public static ConfigMetadata read(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    Map<String, String> legacy = new LinkedHashMap<>();
    boolean inHeader = true;
    for (String raw : TextLines.split(text)) {
      String line = TextLines.content(raw).replace("\uFEFF", "").strip();
      if (!line.startsWith("#")) {
        break;
      }
      Matcher old = LEGACY.matcher(line);
      if (old.matches()) {
        legacy.put(old.group(1), old.group(2));
        inHeader = false;
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (inHeader && m.matches()) {
        header.put(m.group(1), m.group(2));
      } else {
        inHeader = false;
      }
    }
    legacy.putAll(header);
    return new ConfigMetadata(legacy);
  }

  /**
   * Replaces the header block (the leading {@code # key: value} lines) with {@code metadata};
   * everything after it is kept byte for byte.
   */
  public static String write(String text, ConfigMetadata metadata) {
    List<String> lines = TextLines.split(text);
    int end = 0;
    String bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
    while (end < lines.size()) {
      String line = TextLines.content(lines.get(end)).replace("\uFEFF", "").strip();
      if (!LINE.matcher(line).matches() || LEGACY.matcher(line).matches()) {
        break;
      }
      end++;
    }
    String newline = TextLines.preferredNewline(text);
    StringBuilder sb = new StringBuilder(bom);
    for (var e : metadata.values().entrySet()) {
      sb.append("# ")
          .append(e.getKey())
          .append(": ")
          .append(e.getValue().replaceAll("[\\r\\n]+", " "))
          .append(newline);
    }
    StringBuilder rest = new StringBuilder();
    for (int i = end; i < lines.size(); i++) {
      rest.append(lines.get(i));
    }
    String tail = rest.toString();
    if (end == 0 && tail.startsWith("\uFEFF")) {
      tail = tail.substring(1);
    }
    return sb + tail;
  }
}

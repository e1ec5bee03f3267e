package dev.flotilla.fluentconfig.tools;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Severity;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Prints findings for people ({@code text}) or programs ({@code json}). */
public final class FindingsFormat {
  private FindingsFormat() {}

  public static String text(List<Finding> findings) {
    StringBuilder sb = new StringBuilder();
    for (Finding f : findings) {
      sb.append(f.location())
          .append(": ")
          .append(f.severity().label())
          .append(" [")
          .append(f.code())
          .append("] ")
          .append(f.message());
      if (f.path() != null && !f.path().isEmpty()) {
        sb.append(" (").append(f.path()).append(')');
      }
      sb.append('\n');
    }
    long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
    long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
    sb.append(errors).append(" error(s), ").append(warnings).append(" warning(s)\n");
    return sb.toString();
  }

  public static String json(List<Finding> findings, JsonMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode n = list.addObject();
      n.put("severity", f.severity().label());
      n.put("code", f.code());
      n.put("message", f.message());
      n.put("file", f.location().file());
      n.put("line", f.location().line());
      n.put("column", f.location().column());
      n.put("path", f.path());
    }
    root.put("errors", findings.stream().filter(f -> f.severity() == Severity.ERROR).count());
    root.put("warnings", findings.stream().filter(f -> f.severity() == Severity.WARNING).count());
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}

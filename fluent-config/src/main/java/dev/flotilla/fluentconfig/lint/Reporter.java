package dev.flotilla.fluentconfig.lint;

import dev.flotilla.fluentconfig.Finding;
import dev.flotilla.fluentconfig.Location;
import dev.flotilla.fluentconfig.Severity;
import dev.flotilla.fluentconfig.model.Property;
import dev.flotilla.fluentconfig.model.Section;
import dev.flotilla.fluentconfig.schema.OptionSchema;
import dev.flotilla.fluentconfig.schema.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects findings for one lint run and holds the value check both engines share. */
final class Reporter {
  private static final Pattern MIN_WORDS = Pattern.compile("delimited strings \\(minimum (\\d)\\)");
  private final List<Finding> findings = new ArrayList<>();

  void add(Severity severity, String code, String message, Location location, String path) {
    findings.add(new Finding(severity, code, message, location, path));
  }

  void add(Severity severity, String code, String message, Section s) {
    add(severity, code, message, s.location(), s.path());
  }

  void add(Severity severity, String code, String message, Property p) {
    add(severity, code, message, p.location(), p.path());
  }

  void addAll(List<Finding> list) {
    findings.addAll(list);
  }

  List<Finding> findings() {
    return findings;
  }

  /** Checks a value against its option's rule and type; variables are not checked. */
  void value(Property p, OptionSchema o) {
    String v = p.value();
    if (p.structured() || v.contains("${") || v.contains("#{")) {
      return;
    }
    if (o.type() != null && o.type().equals("deprecated")) {
      add(Severity.WARNING, "deprecated-key", "'" + p.key() + "' is deprecated", p);
    }
    Matcher m = o.type() == null ? null : MIN_WORDS.matcher(o.type());
    if (m != null && m.find() && o.type().startsWith("space")) {
      int n = Integer.parseInt(m.group(1));
      if (v.strip().split("\\s+", n).length < n) {
        add(
            Severity.ERROR,
            "invalid-value",
            "'" + p.key() + "' expects " + n + " values separated by spaces",
            p);
      }
    }
    Rule rule = o.rule();
    if (rule == null) {
      return;
    }
    Optional<String> violation = rule.violation(v);
    if (violation.isPresent()) {
      boolean inferred = rule instanceof Rule.Choice c && c.inferred();
      add(
          inferred ? Severity.WARNING : Severity.ERROR,
          inferred ? "unexpected-value" : "invalid-value",
          "'" + p.key() + "' value '" + v + "' " + violation.get(),
          p);
    }
  }
}

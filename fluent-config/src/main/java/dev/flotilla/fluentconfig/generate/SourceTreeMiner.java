package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.generate.CTokens.Kind;
import dev.flotilla.fluentconfig.generate.CTokens.Token;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Mines Fluent Bit's C sources for config-map entries: which options carry the MULT flag and what
 * their defaults are. Follows each plugin registration struct's {@code .config_map} member to its
 * array, reads positional entries up to the all-zero terminator, and resolves macro defaults from
 * any header or source in the tree.
 */
public final class SourceTreeMiner {
  private static final Map<String, String> SECTIONS =
      Map.of(
          "flb_input_plugin", "input",
          "flb_output_plugin", "output",
          "flb_filter_plugin", "filter",
          "flb_processor_plugin", "processor",
          "flb_custom_plugin", "custom");

  private record Entry(String option, String defaultValue, boolean repeatable) {}

  public SourceFacts mine(Path root) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files =
          s.filter(p -> p.toString().endsWith(".c") || p.toString().endsWith(".h"))
              .sorted()
              .toList();
    }
    Map<String, String> macros = new HashMap<>();
    Map<Path, List<Token>> tokens = new HashMap<>();
    for (Path f : files) {
      String src = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      tokens.put(f, CTokens.tokenize(src, macros));
    }
    List<SourceFacts.Fact> facts = new ArrayList<>();
    for (Path f : files) {
      List<Token> t = tokens.get(f);
      Map<String, List<Entry>> arrays = arrays(t, macros);
      for (int i = 0; i + 2 < t.size(); i++) {
        String section = SECTIONS.get(t.get(i).text());
        if (section == null || !t.get(i - 1 < 0 ? 0 : i - 1).is("struct")) {
          continue;
        }
        if (t.get(i + 1).kind() != Kind.IDENT || !t.get(i + 2).is("=")) {
          continue;
        }
        Map<String, String> members = designated(t, i + 3);
        String name = members.get("name");
        List<Entry> entries = arrays.get(members.get("config_map"));
        if (name == null || entries == null) {
          continue;
        }
        for (Entry e : entries) {
          facts.add(
              new SourceFacts.Fact(section, name, e.option(), e.repeatable(), e.defaultValue()));
        }
      }
    }
    return SourceFacts.of(facts);
  }

  /** {@code .member = value} pairs of a designated initializer starting at {@code from} ('{'). */
  private static Map<String, String> designated(List<Token> t, int from) {
    Map<String, String> out = new HashMap<>();
    int depth = 0;
    for (int i = from; i < t.size(); i++) {
      Token k = t.get(i);
      if (k.is("{")) {
        depth++;
      } else if (k.is("}")) {
        if (--depth == 0) {
          break;
        }
      } else if (depth == 1 && k.is(".") && i + 3 < t.size() && t.get(i + 2).is("=")) {
        Token v = t.get(i + 3);
        out.put(t.get(i + 1).text(), v.text());
      }
    }
    return out;
  }

  /** Every {@code struct flb_config_map NAME[] = { … }} in a file, read up to its zero entry. */
  private static Map<String, List<Entry>> arrays(List<Token> t, Map<String, String> macros) {
    Map<String, List<Entry>> out = new HashMap<>();
    for (int i = 0; i + 5 < t.size(); i++) {
      if (!(t.get(i).is("flb_config_map")
          && t.get(i + 1).kind() == Kind.IDENT
          && t.get(i + 2).is("["))) {
        continue;
      }
      int j = i + 3;
      while (j < t.size() && !t.get(j).is("{")) {
        j++;
      }
      List<Entry> entries = new ArrayList<>();
      j++;
      while (j < t.size() && t.get(j).is("{")) {
        List<List<Token>> fields = new ArrayList<>();
        j = fields(t, j, fields);
        if (fields.size() < 2
            || fields.get(1).isEmpty()
            || fields.get(1).get(0).kind() != Kind.STRING) {
          break;
        }
        entries.add(entry(fields, macros));
        if (j < t.size() && t.get(j).is(",")) {
          j++;
        }
      }
      out.put(t.get(i + 1).text(), entries);
    }
    return out;
  }

  /** Splits one brace-enclosed entry at top-level commas; returns the index after its '}'. */
  private static int fields(List<Token> t, int open, List<List<Token>> out) {
    int depth = 0;
    List<Token> current = new ArrayList<>();
    for (int i = open; i < t.size(); i++) {
      Token k = t.get(i);
      if (k.is("{") || k.is("(")) {
        if (depth++ == 0) {
          continue;
        }
      } else if (k.is("}") || k.is(")")) {
        if (--depth == 0) {
          out.add(current);
          return i + 1;
        }
      } else if (depth == 1 && k.is(",")) {
        out.add(current);
        current = new ArrayList<>();
        continue;
      }
      current.add(k);
    }
    out.add(current);
    return t.size();
  }

  private static Entry entry(List<List<Token>> f, Map<String, String> macros) {
    String option = join(f.get(1));
    String def = f.size() > 2 ? defaultOf(f.get(2), macros) : null;
    boolean mult = f.size() > 3 && f.get(3).stream().anyMatch(k -> k.is("FLB_CONFIG_MAP_MULT"));
    return new Entry(option, def, mult);
  }

  private static String defaultOf(List<Token> tokens, Map<String, String> macros) {
    if (tokens.stream().anyMatch(k -> k.is("NULL"))) {
      return null;
    }
    if (!tokens.isEmpty() && tokens.get(0).kind() == Kind.STRING) {
      return join(tokens);
    }
    if (tokens.size() >= 4 && tokens.get(1).is("(") && tokens.get(0).text().contains("STR")) {
      return resolve(tokens.get(2).text(), macros, true);
    }
    if (tokens.size() == 1 && tokens.get(0).kind() == Kind.IDENT) {
      return resolve(tokens.get(0).text(), macros, false);
    }
    return null;
  }

  /** A macro's value: a string literal unquoted, or (when stringified) its text as written. */
  private static String resolve(String name, Map<String, String> macros, boolean stringify) {
    String value = macros.get(name);
    for (int hops = 0; value != null && hops < 8 && macros.containsKey(value); hops++) {
      value = macros.get(value);
    }
    if (value == null) {
      return null;
    }
    if (stringify) {
      return value;
    }
    List<Token> toks = CTokens.tokenize(value, new HashMap<>());
    return !toks.isEmpty() && toks.stream().allMatch(k -> k.kind() == Kind.STRING)
        ? join(toks)
        : null;
  }

  private static String join(List<Token> tokens) {
    StringBuilder sb = new StringBuilder();
    for (Token k : tokens) {
      if (k.kind() == Kind.STRING) {
        sb.append(k.text());
      }
    }
    return sb.toString();
  }
}

package dev.flotilla.fluentconfig.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a config file's bytes: flips, insertions of the characters the three syntaxes
 * care about, deletions, truncations, duplicated lines, splices from another seed and deep nesting.
 * The same seed gives the same mutations, so a failure names everything needed to replay it.
 */
final class Mutator {
  private static final String[] TOKENS = {
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "#",
    "@",
    "$",
    "\0",
    "\n",
    "\r\n",
    "\t",
    " ",
    ":",
    "- ",
    "\"",
    "'",
    "\\",
    "*",
    "?",
    "${",
    "@INCLUDE ",
    "@include ",
    "@SET a=",
    "[INPUT]",
    "[NODE]",
    "<label @x>",
    "</label>",
    "<match **>",
    "</match>",
    "<source>",
    "</source>",
    "  - name: x\n",
    "pipeline:\n",
    "processors:\n",
    "&a ",
    "*a",
    "!!str ",
    "---\n",
    "\uFEFF",
    "é",
    "\uD83D\uDE00",
    "[*.conf",
    "{a,b",
    "\0.conf",
    "\n@INCLUDE a\0b.conf\n",
    "\n@INCLUDE in[puts/*.conf\n",
    "\n@INCLUDE {a,b\n",
    "\n@include conf.d/*.c[onf\n",
    "\n@include a\0\n",
    "\nincludes:\n  - x\0.yaml\n",
    "\nincludes:\n  - '[*.yaml'\n",
    "\n    parsers_file a\0\n",
    "\n    upstream {x\n",
    "\n@INCLUDE inputs/*.conf\n",
    "\n@include conf.d/*.conf\n",
    "<<: *a\n",
    "&a\n",
    "? ",
    "!!binary ",
    "!!map ",
    "!!seq ",
    "%YAML 1.2\n",
    "|\n",
    ">-\n",
    "...\n",
    "%TAG ! x\n",
    "name: &a {x: 1}\n",
    "  - *a\n",
    "@SET =x\n",
    "[MULTILINE_PARSER]\n",
    "    rule \"a\" \"/(/\" \"b\"\n",
    "[UPSTREAM]\n",
    "<match {a,b}>\n",
    "<match /re(/>\n",
    "<parse>\n",
    "</parse>\n",
    "<buffer tag,time>\n",
    "  @label @x\n",
    "<worker 0-1>\n",
    "<worker x>\n",
    "</worker>\n",
    "    Match_Regex ^(a\n",
    "    Rule $log ^( x false\n",
    "  match_regex: '['\n",
    "  processors:\n    logs:\n      - name: x\n"
  };

  /** One mutated input and how it was made. */
  record Mutant(byte[] bytes, List<String> steps) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private final Random random;
  private final List<byte[]> seeds;

  Mutator(Random random, List<byte[]> seeds) {
    this.random = random;
    this.seeds = seeds;
  }

  Mutant mutate(byte[] seed) {
    byte[] b = seed;
    List<String> steps = new ArrayList<>();
    int count = 1 + random.nextInt(4);
    for (int i = 0; i < count; i++) {
      int op = random.nextInt(10);
      int at = b.length == 0 ? 0 : random.nextInt(b.length + 1);
      switch (op) {
        case 0 -> {
          if (b.length > 0) {
            int p = Math.min(at, b.length - 1);
            b = b.clone();
            b[p] ^= (byte) (1 << random.nextInt(8));
            steps.add("flip@" + p);
          }
        }
        case 1 -> {
          if (b.length > 0) {
            int p = Math.min(at, b.length - 1);
            b = b.clone();
            b[p] = (byte) random.nextInt(256);
            steps.add("byte@" + p + "=" + (b[p] & 0xff));
          }
        }
        case 2, 3, 4 -> {
          String t = TOKENS[random.nextInt(TOKENS.length)];
          b = insert(b, at, t.getBytes(StandardCharsets.UTF_8));
          steps.add("insert@" + at + "=" + escape(t));
        }
        case 5 -> {
          int len = random.nextInt(1 + Math.min(64, b.length - at));
          b = cut(b, at, at + len);
          steps.add("delete@" + at + "+" + len);
        }
        case 6 -> {
          b = cut(b, at, b.length);
          steps.add("truncate@" + at);
        }
        case 7 -> {
          int len = random.nextInt(1 + Math.min(200, b.length - at));
          byte[] copy = java.util.Arrays.copyOfRange(b, at, at + len);
          int to = random.nextInt(b.length + 1);
          b = insert(b, to, copy);
          steps.add("duplicate@" + at + "+" + len + "->" + to);
        }
        case 8 -> {
          byte[] other = seeds.get(random.nextInt(seeds.size()));
          int from = random.nextInt(other.length + 1);
          int len = random.nextInt(1 + Math.min(300, other.length - from));
          b = insert(b, at, java.util.Arrays.copyOfRange(other, from, from + len));
          steps.add("splice@" + at + "+" + len);
        }
        default -> {
          int depth = 1 + random.nextInt(random.nextInt(8) == 0 ? 4000 : 200);
          b = insert(b, at, nesting(depth).getBytes(StandardCharsets.UTF_8));
          steps.add("nest@" + at + "x" + depth);
        }
      }
    }
    return new Mutant(b, steps);
  }

  /** Deep nesting in one of the shapes the parsers see: directives, flow and block YAML. */
  private String nesting(int depth) {
    StringBuilder sb = new StringBuilder("\n");
    switch (random.nextInt(4)) {
      case 0 -> {
        sb.append("<label @a>\n".repeat(depth));
        sb.append("</label>\n".repeat(random.nextInt(depth + 1)));
      }
      case 1 -> sb.append("[".repeat(depth)).append("]".repeat(random.nextInt(depth + 1)));
      case 2 -> sb.append("{a: ".repeat(depth)).append("}".repeat(random.nextInt(depth + 1)));
      default -> {
        // Indentation grows with depth: kept shallow enough that the input stays small.
        for (int i = 0; i < Math.min(depth, 300); i++) {
          sb.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
      }
    }
    return sb.append('\n').toString();
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + what.length);
    out.write(b, 0, at);
    out.write(what, 0, what.length);
    out.write(b, at, b.length - at);
    return out.toByteArray();
  }

  private static byte[] cut(byte[] b, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
    out.write(b, 0, from);
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }

  private static String escape(String s) {
    return s.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
  }
}

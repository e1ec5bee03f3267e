package dev.flotilla.fluentconfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Small config files in all three formats, written the ways people write them: spaces or tabs,
 * CRLF, blank lines or none between sections, comments above them, no final newline, YAML lists
 * with the dash at the key's indent or deeper.
 */
final class SampleConfigs {
  private SampleConfigs() {}

  record Sample(String file, ConfigFormat format, String text) {
    ConfigDocument parse() {
      return ConfigDocument.parse(file, text, format);
    }

    @Override
    public String toString() {
      return file + " (" + format + "):\n" + text.replace("\r", "\\r");
    }
  }

  /** The valid corpus files and generated ones, half and half. */
  static Arbitrary<Sample> any() {
    Arbitrary<Sample> corpus =
        Arbitraries.of(Corpus.validFiles())
            .map(f -> new Sample(f, ConfigFormat.detect(f, Corpus.read(f)), Corpus.read(f)));
    return Arbitraries.oneOf(corpus, Arbitraries.longs().map(SampleConfigs::generate));
  }

  static Sample generate(long seed) {
    Random r = new Random(seed);
    return switch (r.nextInt(3)) {
      case 0 -> classic(r);
      case 1 -> yaml(r);
      default -> fluentd(r);
    };
  }

  static Sample classic(Random r) {
    String indent = r.nextBoolean() ? "    " : "\t";
    List<String> blocks = new ArrayList<>();
    if (r.nextBoolean()) {
      blocks.add("[SERVICE]\n" + indent + "Flush 1");
    }
    String[] kinds = {"INPUT", "FILTER", "OUTPUT"};
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      String kind = kinds[r.nextInt(kinds.length)];
      StringBuilder b = new StringBuilder();
      if (r.nextInt(4) == 0) {
        b.append("# about ").append(kind.toLowerCase()).append(' ').append(i).append('\n');
      }
      b.append('[').append(kind).append("]\n");
      b.append(indent).append("Name").append(r.nextBoolean() ? "   " : "\t").append("p").append(i);
      if (r.nextBoolean()) {
        b.append('\n').append(indent).append("Match  app.").append(i);
      }
      blocks.add(b.toString());
    }
    if (r.nextInt(3) == 0) {
      for (int u = 0; u < 2; u++) {
        StringBuilder b = new StringBuilder("[UPSTREAM]\n" + indent + "name up" + u);
        for (int k = 0; k <= r.nextInt(3); k++) {
          b.append(separator(r)).append("[NODE]\n").append(indent).append("name n").append(k);
        }
        blocks.add(b.toString());
      }
    }
    StringBuilder text = new StringBuilder(r.nextInt(8) == 0 ? "\uFEFF" : "");
    if (r.nextInt(3) == 0) {
      text.append("# header\n@SET a=b\n\n");
    }
    join(r, blocks, text);
    return new Sample("gen.conf", ConfigFormat.FLUENT_BIT_CLASSIC, finish(r, text));
  }

  static Sample yaml(Random r) {
    int step = r.nextBoolean() ? 2 : 4;
    int dash = r.nextBoolean() ? 0 : step;
    StringBuilder t = new StringBuilder();
    if (r.nextBoolean()) {
      t.append("service:\n").append(sp(step)).append("flush: 1\n");
    }
    t.append("pipeline:\n");
    for (String list : List.of("inputs", "filters", "outputs")) {
      if (list.equals("filters") && r.nextBoolean()) {
        continue;
      }
      t.append(sp(step)).append(list).append(":\n");
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        item(r, t, step + dash, list.substring(0, 1) + i, step, dash, !list.equals("filters"));
      }
    }
    if (r.nextInt(3) == 0) {
      t.append("upstream_servers:\n");
      for (int u = 0; u < 2; u++) {
        t.append(sp(dash)).append("- name: up").append(u).append('\n');
        t.append(sp(dash + 2)).append("nodes:\n");
        for (int k = 0; k <= r.nextInt(2); k++) {
          t.append(sp(dash + 2 + dash)).append("- name: n").append(k).append('\n');
          t.append(sp(dash + 4 + dash)).append("host: h").append(k).append('\n');
        }
      }
    }
    String text = t.toString();
    text = text.substring(0, text.length() - 1);
    return new Sample("gen.yaml", ConfigFormat.FLUENT_BIT_YAML, finish(r, new StringBuilder(text)));
  }

  private static void item(
      Random r, StringBuilder t, int col, String name, int step, int dash, boolean processors) {
    if (r.nextInt(4) == 0) {
      t.append('\n');
    }
    if (r.nextInt(4) == 0) {
      t.append(sp(col)).append("# about ").append(name).append('\n');
    }
    t.append(sp(col)).append("- name: ").append(name).append('\n');
    t.append(sp(col + 2)).append("tag: 'x.*'").append(r.nextBoolean() ? "  # tag\n" : "\n");
    if (processors && r.nextBoolean()) {
      int key = col + 2;
      t.append(sp(key)).append("processors:\n");
      for (String signal : List.of("logs", "metrics")) {
        if (r.nextBoolean()) {
          continue;
        }
        t.append(sp(key + step)).append(signal).append(":\n");
        for (int p = 0; p <= r.nextInt(2); p++) {
          t.append(sp(key + step + dash)).append("- name: ").append(name).append(signal);
          t.append(p).append('\n');
          t.append(sp(key + step + dash + 2)).append("action: insert\n");
        }
      }
      if (t.toString().endsWith("processors:\n")) {
        t.append(sp(key + step)).append("logs:\n");
        t.append(sp(key + step + dash)).append("- name: only\n");
      }
    }
  }

  static Sample fluentd(Random r) {
    String u = r.nextBoolean() ? "  " : "    ";
    List<String> blocks = new ArrayList<>();
    int n = 2 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(5)) {
        case 0 -> blocks.add(directive(r, "", u, "source", "", "@type forward", "parse"));
        case 1 -> blocks.add(directive(r, "", u, "filter", "app.**", "@type grep", null));
        case 2 -> blocks.add(directive(r, "", u, "match", "app.**", "@type stdout", "buffer"));
        case 3 -> {
          StringBuilder b = new StringBuilder("<label @L" + i + ">\n");
          if (r.nextBoolean()) {
            b.append(directive(r, u, u, "filter", "**", "@type grep", null)).append('\n');
          }
          b.append(directive(r, u, u, "match", "**", "@type null", "buffer")).append("\n</label>");
          blocks.add(b.toString());
        }
        default ->
            blocks.add(
                "<worker "
                    + i
                    + ">\n"
                    + directive(r, u, u, "source", "", "@type http", null)
                    + "\n</worker>");
      }
    }
    StringBuilder text = new StringBuilder();
    join(r, blocks, text);
    return new Sample("gen.conf", ConfigFormat.FLUENTD, finish(r, text));
  }

  private static String directive(
      Random r, String at, String u, String name, String arg, String param, String nested) {
    StringBuilder b = new StringBuilder();
    if (r.nextInt(4) == 0) {
      b.append(at).append("# about ").append(name).append('\n');
    }
    b.append(at).append('<').append(name).append(arg.isEmpty() ? "" : " " + arg).append(">\n");
    b.append(at).append(u).append(param).append('\n');
    if (nested != null && r.nextBoolean()) {
      b.append(at).append(u).append('<').append(nested).append(">\n");
      b.append(at).append(u).append(u).append("@type memory\n");
      b.append(at).append(u).append("</").append(nested).append(">\n");
    }
    return b.append(at).append("</").append(name).append('>').toString();
  }

  private static void join(Random r, List<String> blocks, StringBuilder text) {
    for (int i = 0; i < blocks.size(); i++) {
      text.append(i == 0 ? "" : separator(r)).append(blocks.get(i));
    }
  }

  private static String separator(Random r) {
    return "\n".repeat(1 + r.nextInt(3));
  }

  /** A final newline or none, and CRLF line endings now and then. */
  private static String finish(Random r, StringBuilder text) {
    String s = text + (r.nextInt(4) == 0 ? "" : "\n");
    return r.nextInt(4) == 0 ? s.replace("\n", "\r\n") : s;
  }

  private static String sp(int n) {
    return " ".repeat(n);
  }
}

package dev.flotilla.editor.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flotilla.editor.schema.Schemas;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The editor's view, convert and stamp over mutated templates: the only failure is a {@link
 * FleetException} (a 4xx), never an exception that would become a 500. Fixed seed; {@code
 * -Dfuzz.inputs=N} for a longer run.
 */
class DocumentsFuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 0x5EED_ED17L);
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 1500);
  private static final String[] TEMPLATES = {
    "tail-to-stdout.conf",
    "fluentd-forward-to-file.conf",
    "kubernetes-to-opensearch.yaml",
    "syslog-with-processors.yaml"
  };
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
    " ",
    ":",
    "- ",
    "\"",
    "*",
    "${",
    "\n@INCLUDE a\0.conf\n",
    "\n@include *.{conf\n",
    "<label @x>\n",
    "</label>\n",
    "[INPUT]\n",
    "\n    Match_Regex (\n",
    "\n  processors:\n",
    "\uFEFF",
    "\n# config_version: x\n"
  };

  @Test
  void viewConvertAndStampAnswerOnlyFleetExceptions() throws IOException {
    SchemaJson json = new SchemaJson();
    Documents documents =
        new Documents(
            new Schemas(List.of(), json),
            Profile.bundled("default", json.mapper()),
            Optional.empty(),
            Clock.systemUTC());
    List<String> seeds = new ArrayList<>();
    for (String t : TEMPLATES) {
      try (InputStream in = getClass().getResourceAsStream("/dev/flotilla/editor/templates/" + t)) {
        seeds.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    Random random = new Random(SEED);
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < INPUTS && failures.size() < 20; i++) {
      int which = random.nextInt(TEMPLATES.length);
      String text = mutate(random, seeds.get(which));
      String name = random.nextInt(20) == 0 ? "a\0" + TEMPLATES[which] : TEMPLATES[which];
      Map<String, String> files = random.nextInt(20) == 0 ? Map.of("x\0.conf", "") : Map.of();
      DocumentInput in = new DocumentInput(name, text, null, null, null, null, files);
      try {
        Random edits = new Random(random.nextLong());
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> exercise(documents, in, edits));
      } catch (Throwable t) {
        failures.add("input " + i + " (" + TEMPLATES[which] + "): " + t);
      }
    }
    assertThat(failures).as("seed %d", SEED).isEmpty();
  }

  private static void exercise(Documents documents, DocumentInput in, Random random) {
    for (Runnable call :
        List.<Runnable>of(
            () -> edit(documents, in, random),
            () -> documents.convert(in, "fluent-bit-yaml"),
            () -> documents.convert(in, "fluent-bit-classic"),
            () -> documents.stamp(in, "fuzz"))) {
      try {
        call.run();
      } catch (FleetException expected) {
        // a 4xx answer
      }
    }
  }

  /** The view, then random edits of its sections with awkward values. */
  private static void edit(Documents documents, DocumentInput in, Random random) {
    View view = documents.view(in);
    List<String> paths = new ArrayList<>();
    collect(view.segments(), paths);
    if (paths.isEmpty()) {
      return;
    }
    String path = paths.get(random.nextInt(paths.size()));
    String other = paths.get(random.nextInt(paths.size()));
    String value =
        TOKENS[random.nextInt(TOKENS.length)] + "v" + TOKENS[random.nextInt(TOKENS.length)];
    Edit e =
        switch (random.nextInt(6)) {
          case 0 -> new Edit("set", path, null, null, null, "key", value, null, null);
          case 1 -> new Edit("unset", path, null, null, null, "name", null, null, null);
          case 2 -> new Edit("remove-section", path, null, null, null, null, null, null, null);
          case 3 -> new Edit("move-section", path, "", null, null, null, null, null, 0);
          case 4 -> new Edit("move-section", path, other, null, null, null, null, null, 0);
          default ->
              new Edit(
                  "add-section",
                  null,
                  random.nextBoolean() ? "" : other,
                  "filter",
                  value,
                  null,
                  null,
                  Map.of("k", value),
                  null);
        };
    documents.edit(in, List.of(e));
  }

  private static void collect(List<View.Segment> segments, List<String> into) {
    for (View.Segment s : segments) {
      into.add(s.path());
      collect(s.children(), into);
    }
  }

  private static String mutate(Random random, String seed) {
    StringBuilder sb = new StringBuilder(seed);
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int at = random.nextInt(sb.length() + 1);
      switch (random.nextInt(5)) {
        case 0 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 1 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(40)));
        case 2 -> sb.setLength(at);
        case 3 -> {
          if (at < sb.length()) {
            sb.setCharAt(at, (char) random.nextInt(128));
          }
        }
        default -> sb.insert(at, "<label @a>\n".repeat(1 + random.nextInt(600)));
      }
    }
    return sb.toString();
  }
}

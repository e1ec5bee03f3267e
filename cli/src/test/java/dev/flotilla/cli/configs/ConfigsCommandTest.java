package dev.flotilla.cli.configs;

import static dev.flotilla.cli.LiveServer.BROKEN;
import static dev.flotilla.cli.LiveServer.GOOD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.cli.LiveServer;
import dev.flotilla.cli.LiveServer.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flotilla configs …} against a live server. */
class ConfigsCommandTest {
  @TempDir Path dir;
  LiveServer server;

  @BeforeEach
  void start() {
    server = new LiveServer(dir.resolve("data"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void publishesFilesAndFoldersOnceAndRefusesLintErrorsUnlessForced() throws Exception {
    Path conf = Files.writeString(dir.resolve("fluent-bit.conf"), GOOD);
    Run first = run("configs", "publish", "edge", conf.toString(), "-m", "first");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("published edge@1 hash ").contains("(fluent-bit.conf)");

    Run same = run("configs", "publish", "edge", conf.toString());
    assertThat(same.code()).isZero();
    assertThat(same.out()).startsWith("unchanged, already edge@1");

    Path folder = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(folder.resolve("fluent-bit.conf"), GOOD.replace("flush        1", "flush 5"));
    Files.writeString(
        folder.resolve("parsers.conf"), "[PARSER]\n    name  json\n    format json\n");
    Files.writeString(folder.resolve(".hidden"), "not part of it");
    Run fromFolder = run("configs", "publish", "edge", folder.toString(), "-m", "folder");
    assertThat(fromFolder.code()).as(fromFolder.err()).isZero();
    assertThat(fromFolder.out())
        .startsWith("published edge@2")
        .contains("(fluent-bit.conf, parsers.conf)");

    Path broken =
        Files.writeString(
            Files.createDirectories(dir.resolve("broken")).resolve("fluent-bit.conf"), BROKEN);
    Run refused = run("configs", "publish", "edge", broken.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .contains("refused by the server")
        .contains("lint error")
        .contains("no_such_input_plugin")
        .contains("--force");
    assertThat(run("configs", "versions", "edge").out()).doesNotContain("\n3 ");

    Run forced = run("configs", "publish", "edge", broken.toString(), "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.out()).startsWith("published edge@3");
    assertThat(run("configs", "show", "edge@3").out()).contains("forced");
  }

  @Test
  void listsVersionsShowsFilesAndDiffs() throws Exception {
    Path conf = Files.writeString(dir.resolve("fluent-bit.conf"), GOOD);
    assertThat(run("configs", "publish", "edge", conf.toString(), "-m", "first").code()).isZero();
    Files.writeString(conf, GOOD.replace("flush        1", "flush        5"));
    assertThat(run("configs", "publish", "edge", conf.toString(), "-m", "faster").code()).isZero();

    Run list = run("configs", "list");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("NAME").contains("edge").contains("published");
    assertThat(list.out()).contains("1 config(s)");
    assertThat(run("configs", "list", "--json").out()).contains("\"latestVersion\" : 2");

    Run versions = run("configs", "versions", "edge");
    assertThat(versions.code()).isZero();
    String[] lines = versions.out().split("\n");
    assertThat(lines[0]).startsWith("VERSION");
    assertThat(lines[1]).startsWith("2 ").endsWith("faster");
    assertThat(lines[2]).startsWith("1 ").endsWith("first");
    assertThat(lines[1]).contains(" 0E ");

    Run newest = run("configs", "show", "edge");
    assertThat(newest.code()).isZero();
    assertThat(newest.out())
        .contains("config   edge@2")
        .contains("message  faster")
        .contains("==> fluent-bit.conf (text/plain) <==")
        .contains("flush        5");
    assertThat(run("configs", "show", "edge@1").out()).contains("flush        1");
    assertThat(run("configs", "show", "edge@1", "--file", "fluent-bit.conf").out()).isEqualTo(GOOD);
    Run noFile = run("configs", "show", "edge@1", "--file", "nope.conf");
    assertThat(noFile.code()).isEqualTo(2);
    assertThat(noFile.err()).contains("edge@1 has no file nope.conf");

    Run diff = run("configs", "diff", "edge", "1", "2");
    assertThat(diff.code()).isZero();
    assertThat(diff.out())
        .contains("--- a/fluent-bit.conf")
        .contains("+++ b/fluent-bit.conf")
        .contains("-    flush        1")
        .contains("+    flush        5");
    assertThat(run("configs", "diff", "edge", "2", "2").out()).contains("have the same files");
  }

  @Test
  void anUnknownConfigIsAClearError() {
    for (String[] args :
        new String[][] {
          {"configs", "versions", "nope"},
          {"configs", "show", "nope"},
          {"configs", "show", "nope@3"},
          {"configs", "diff", "nope", "1", "2"}
        }) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("flotilla: ").contains("nope");
    }
    Run badRef = run("configs", "show", "edge@zero");
    assertThat(badRef.code()).isEqualTo(2);
    assertThat(badRef.err()).contains("NAME@VERSION");
    Run missing = run("configs", "publish", "edge", dir.resolve("absent.conf").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file or folder");
  }

  private Run run(String... args) {
    return server.run(args);
  }
}

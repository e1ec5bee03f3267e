package dev.flotilla.fluentconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.fluentconfig.lint.Linter;
import dev.flotilla.fluentconfig.lint.Profile;
import dev.flotilla.fluentconfig.load.ConfigLoader;
import dev.flotilla.fluentconfig.load.FileSystemSource;
import dev.flotilla.fluentconfig.schema.SchemaCatalog;
import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LintTest {
  static final SchemaJson JSON = new SchemaJson();
  static SchemaCatalog fluentBit;
  static SchemaCatalog fluentd;

  @BeforeAll
  static void catalogs() {
    fluentBit = SchemaCatalog.bundled("fluent-bit", "5.1.1", JSON);
    fluentd = SchemaCatalog.bundled("fluentd", "1", JSON);
  }

  static List<Finding> lint(MemorySource source, String main, String profile) throws IOException {
    Linter linter = new Linter(fluentBit, fluentd, Profile.bundled(profile, JSON.mapper()));
    return linter.lint(new ConfigLoader(source).load(Path.of(main)));
  }

  static List<String> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void corpusFilesAreCleanApartFromKnownFindings() throws IOException {
    Linter linter = new Linter(fluentBit, fluentd, Profile.bundled("default", JSON.mapper()));
    ConfigLoader loader = new ConfigLoader(new FileSystemSource());
    assertThat(codes(linter.lint(loader.load(Corpus.path("classic/full.conf")))))
        .containsExactly("undefined-variable", "undefined-parser");
    assertThat(codes(linter.lint(loader.load(Corpus.path("yaml/full.yaml")))))
        .containsExactly("undefined-variable");
    assertThat(codes(linter.lint(loader.load(Corpus.path("fluentd/full.conf")))))
        .containsExactly("unknown-key");
  }

  @Test
  void classicFindingsCarryLocationPathAndSuggestion() throws IOException {
    MemorySource src =
        new MemorySource()
            .put(
                "/cfg/main.conf",
                """
                [SERVICE]
                    Flush 1
                    HTTP_Server Off
                @INCLUDE loop.conf
                [FOO]
                    Bar 1
                [INPUT]
                    Name tial
                [INPUT]
                    Name tail
                    Pth /var/log/x.log
                    Tag  a.b
                    Tag  a.c
                    Mem_Buf_Limit lots
                    Refresh_Interval 10s
                [INPUT]
                    Name forward
                [INPUT]
                    Name forward
                    Listen 127.0.0.1
                [INPUT]
                    Tag nameless
                [PARSER]
                    Name p1
                    Format json
                [FILTER]
                    Name modify
                    Match a.*
                    Add k v
                    Add k2 v2
                [FILTER]
                    Name parser
                    Match a.*
                    Key_Name log
                    Parser nope
                [FILTER]
                    Name grep
                [OUTPUT]
                    Name stdout
                    Match other.*
                    Format jsonl
                """)
            .put("/cfg/loop.conf", "@INCLUDE main.conf\n");
    List<Finding> findings = lint(src, "/cfg/main.conf", "default");
    assertThat(codes(findings))
        .containsExactlyInAnyOrder(
            "include-cycle",
            "unknown-section",
            "unknown-plugin",
            "unknown-key",
            "repeated-key",
            "invalid-value",
            "port-conflict",
            "missing-key",
            "missing-key",
            "parser-in-main-file",
            "undefined-parser",
            "missing-match",
            "match-no-input",
            "unexpected-value",
            "http-server-off",
            "hot-reload-off");
    Finding unknownPlugin =
        findings.stream().filter(f -> f.code().equals("unknown-plugin")).findFirst().orElseThrow();
    assertThat(unknownPlugin.message()).contains("did you mean 'tail'");
    assertThat(unknownPlugin.location()).isEqualTo(Location.of("/cfg/main.conf", 8, 5));
    assertThat(unknownPlugin.path()).isEqualTo("/pipeline/inputs/0/Name");
    Finding unknownKey =
        findings.stream().filter(f -> f.code().equals("unknown-key")).findFirst().orElseThrow();
    assertThat(unknownKey.message()).contains("'Pth'").contains("did you mean 'path'");
    assertThat(unknownKey.severity()).isEqualTo(Severity.ERROR);
    assertThat(findings)
        .filteredOn(f -> f.code().equals("missing-key"))
        .extracting(Finding::message)
        .containsExactlyInAnyOrder("input has no 'name'", "input 'tail' needs 'path'");
    Finding noInput =
        findings.stream().filter(f -> f.code().equals("match-no-input")).findFirst().orElseThrow();
    assertThat(noInput.severity()).isEqualTo(Severity.WARNING);
    List<Finding> strict = lint(src, "/cfg/main.conf", "strict");
    assertThat(strict)
        .filteredOn(f -> f.code().equals("match-no-input"))
        .allMatch(f -> f.severity() == Severity.ERROR);
  }

  @Test
  void missingIncludeHoldsBackWholeConfigChecks() throws IOException {
    MemorySource src =
        new MemorySource()
            .put(
                "/m/main.conf",
                "@INCLUDE missing.conf\n@INCLUDE conf.d/*.conf\n[OUTPUT]\n    Name null\n    Match none\n");
    assertThat(codes(lint(src, "/m/main.conf", "default")))
        .containsExactlyInAnyOrder(
            "missing-include", "empty-include", "http-server-off", "hot-reload-off");
  }

  @Test
  void yamlReferencesAndProcessors() throws IOException {
    MemorySource src =
        new MemorySource()
            .put(
                "/y/main.yaml",
                """
                service:
                  http_server: on
                  http_port: 2020
                  hot_reload: on
                pipeline:
                  inputs:
                    - name: http
                      port: 2020
                      listen: 127.0.0.1
                      tag: in.http
                      processors:
                        logs:
                          - name: content_modifer
                            action: insert
                        log:
                          - name: content_modifier
                            action: insert
                    - name: tail
                      path: /x
                      tag: in.tail
                      multiline.parser: docker, javaa
                  outputs:
                    - name: forward
                      match: 'in.*'
                      upstream: nowhere
                      retry_limit: forever
                """);
    assertThat(codes(lint(src, "/y/main.yaml", "default")))
        .containsExactlyInAnyOrder(
            "port-conflict",
            "unknown-plugin",
            "unknown-section",
            "undefined-multiline-parser",
            "undefined-upstream",
            "invalid-value");
  }

  @Test
  void fluentdLabelsIdsAndPorts() throws IOException {
    MemorySource src =
        new MemorySource()
            .put(
                "/d/fluent.conf",
                """
                <system>
                  rpc_endpoint 127.0.0.1:24444
                  workers two
                </system>
                <source>
                  @type forward
                  @id in
                  @label @MISSING
                </source>
                <source>
                  @type monitor_agent
                  @id in
                  port 24224
                  @bogus y
                </source>
                <source>
                  tag x
                </source>
                <match **>
                  @type stdout
                  <buffer>
                    flush_mode foo
                  </buffer>
                </match>
                """);
    assertThat(codes(lint(src, "/d/fluent.conf", "default")))
        .containsExactlyInAnyOrder(
            "invalid-value",
            "invalid-value",
            "duplicate-id",
            "undefined-label",
            "port-conflict",
            "missing-key",
            "unknown-key");
  }
}

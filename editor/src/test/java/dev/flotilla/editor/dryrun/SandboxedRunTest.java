package dev.flotilla.editor.dryrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.fluentconfig.engine.EngineRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How little a dry run's engine can reach: scratch directory, no proxy, no network if possible. */
class SandboxedRunTest {
  @TempDir Path bin;
  @TempDir Path out;

  @Test
  void proxySettingsAreNotInherited() {
    Map<String, String> env =
        SandboxedRun.environment(
            Map.of(
                "PATH", "/usr/bin",
                "http_proxy", "http://proxy:3128",
                "HTTPS_PROXY", "http://proxy:3128",
                "ALL_PROXY", "socks5://proxy",
                "no_proxy", "localhost"),
            Path.of("/scratch"));
    assertThat(env).containsEntry("PATH", "/usr/bin").containsEntry("TMPDIR", "/scratch");
    assertThat(env.keySet()).doesNotContain("http_proxy", "HTTPS_PROXY", "ALL_PROXY", "no_proxy");
  }

  @Test
  void theEngineRunsInAScratchDirectoryThatIsRemovedAfter() throws Exception {
    Path seen = out.resolve("seen");
    Path engine =
        script(
            "pwd > '"
                + seen
                + "'\n"
                + "echo \"$TMPDIR\" >> '"
                + seen
                + "'\n"
                + "ls . >> '"
                + seen
                + "'\n");
    DryRuns runs =
        new DryRuns(
            Map.of("fluent-bit", engine),
            Duration.ofSeconds(20),
            Optional.<Folder>empty(),
            false,
            SandboxedRun.probe());
    DryRuns.Outcome o = runs.check("fluent-bit", "fluent-bit.conf", null, "[INPUT]\n", Map.of());
    assertThat(o.ok()).as(o.output()).isTrue();
    var lines = Files.readAllLines(seen);
    Path cwd = Path.of(lines.get(0));
    assertThat(cwd.getFileName().toString()).startsWith("flotilla-dry-run");
    assertThat(lines.get(1)).isEqualTo(cwd.toString());
    assertThat(lines).contains("fluent-bit.conf");
    assertThat(cwd).doesNotExist();
  }

  @Test
  void theEngineHasNoNetworkWhereTheMachineAllows() throws Exception {
    SandboxedRun sandbox = SandboxedRun.probe();
    assumeTrue(sandbox.isolated(), "unshare --net does not work on this machine");
    Path engine = script("cat /proc/net/dev\n");
    Path scratch = Files.createTempDirectory(out, "scratch");
    EngineRun.Result r =
        sandbox.dryRun(engine, scratch.resolve("x.conf"), Duration.ofSeconds(20), scratch);
    assertThat(r.ok()).as(r.output()).isTrue();
    assertThat(r.output()).contains("lo:");
    assertThat(r.output().lines().filter(l -> l.contains(":")).toList()).hasSize(1);
  }

  private Path script(String body) throws Exception {
    Path p = bin.resolve("engine");
    Files.writeString(p, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }
}

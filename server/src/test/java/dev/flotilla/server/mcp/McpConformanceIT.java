package dev.flotilla.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.server.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP conformance suite ({@code @modelcontextprotocol/conformance}, on the Node 22
 * that the {@code node} package carries, both pinned in {@code src/test/mcp-conformance}) against
 * the server's {@code /mcp}. Scenarios that need the suite's own fixture tools are in the baseline;
 * every other one must pass, and a baseline entry that passes fails the run.
 */
class McpConformanceIT {
  static final Path DIR = Path.of("src", "test", "mcp-conformance");

  @TempDir Path dir;

  @Test
  void theServerPassesTheConformanceSuite() throws Exception {
    installIfMissing();
    try (TestServer server = TestServer.start(dir.resolve("data"), c -> c.withMcp(true))) {
      Path log = dir.resolve("conformance.log");
      Process run =
          new ProcessBuilder(
                  List.of(
                      DIR.resolve("node_modules/node/bin/node").toAbsolutePath().toString(),
                      "node_modules/@modelcontextprotocol/conformance/dist/index.js",
                      "server",
                      "--url",
                      server.apiBase() + "/mcp",
                      "--expected-failures",
                      "conformance-baseline.yml",
                      "--output-dir",
                      dir.resolve("results").toString()))
              .directory(DIR.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("the suite finished").isTrue();
      String output =
          Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
      int summary = output.lastIndexOf("=== SUMMARY ===");
      System.out.println(summary < 0 ? output : output.substring(summary));
      assertThat(run.exitValue()).as("conformance exit code; its output:%n%s", output).isZero();
      assertThat(output).contains("server-initialize: 1 passed", "tools-list: 1 passed");
    }
  }

  private static void installIfMissing() throws IOException, InterruptedException {
    if (Files.isDirectory(DIR.resolve("node_modules/@modelcontextprotocol/conformance"))
        && Files.isExecutable(DIR.resolve("node_modules/node/bin/node"))) {
      return;
    }
    Process npm =
        new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
            .directory(DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
    assertThat(npm.exitValue()).as("npm ci exit code").isZero();
  }
}

package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The top-level command: help, version, and exit codes for bad usage and unreachable stores. */
class FlotillaTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void helpAndVersionExitZero() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: flotilla").contains("server");
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).contains("flotilla ");
    assertThat(run("server", "--help")).isZero();
    assertThat(out.toString()).contains("--opamp-port").contains("--no-auth");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void unknownOptionsAndCommandsAreUsageErrors() {
    assertThat(run("--bogus")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("--bogus");
    assertThat(run("no-such-command")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("server", "--bogus")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("server", "--opamp-port", "x")).isEqualTo(ExitCodes.USAGE);
    assertThat(run("server", "--opamp-port")).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void settingsThatCannotWorkAreUsageErrors() {
    assertThat(run("server", "--data-dir", dir.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("flotilla: ").contains("agent-token");
    assertThat(run("server", "--config", dir.resolve("missing.yaml").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("missing.yaml");
    assertThat(run("server", "--no-auth", "--heartbeat-interval", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(
            run("server", "--no-auth", "--data-dir", dir.toString(), "--store", "jdbc:mysql://h/d"))
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void anUnreachableStoreIsUnavailable() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closed + "/flotilla?user=u&password=p";
    assertThat(
            run(
                "server",
                "--no-auth",
                "--bind",
                "127.0.0.1",
                "--opamp-port",
                "0",
                "--api-port",
                "0",
                "--data-dir",
                dir.toString(),
                "--store",
                url))
        .isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(err.toString()).contains("flotilla: ");
  }

  @Test
  void failuresMapToExitCodesInOnePlace() {
    assertThat(ExitCodes.code(new dev.flotilla.fleet.FleetException(kind("BAD_REQUEST"), "x")))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(ExitCodes.code(new dev.flotilla.fleet.FleetException(kind("UNAVAILABLE"), "x")))
        .isEqualTo(ExitCodes.UNAVAILABLE);
    for (String k :
        new String[] {"NOT_FOUND", "CONFLICT", "FORBIDDEN", "UNAUTHORIZED", "INTERNAL"}) {
      assertThat(ExitCodes.code(new dev.flotilla.fleet.FleetException(kind(k), "x")))
          .as(k)
          .isEqualTo(ExitCodes.FAILED);
    }
    assertThat(ExitCodes.code(new IllegalArgumentException())).isEqualTo(ExitCodes.USAGE);
    assertThat(ExitCodes.code(new dev.flotilla.server.store.StoreException("down", null)))
        .isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(ExitCodes.code(new IllegalStateException())).isEqualTo(ExitCodes.FAILED);
  }

  private static dev.flotilla.fleet.FleetException.Kind kind(String name) {
    return dev.flotilla.fleet.FleetException.Kind.valueOf(name);
  }

  private int run(String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = Flotilla.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}

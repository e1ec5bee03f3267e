package dev.flotilla.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A start-up that fails half-way leaves nothing open behind it. */
class StartupFailureTest {
  @TempDir Path dir;

  @Test
  void portInUseFailsCleanlyAndReleasesTheStore() throws Exception {
    ServerConfig config =
        ServerConfig.defaults()
            .withBindAddress("127.0.0.1")
            .withOpampPort(0)
            .withDataDir(dir)
            .withNoAuth(true);
    long writersBefore = writerThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> FlotillaServer.start(config.withApiPort(taken.getLocalPort())))
          .isInstanceOf(RuntimeException.class);
    }
    assertThat(writerThreads()).isEqualTo(writersBefore);
    try (FlotillaServer server = FlotillaServer.start(config.withApiPort(0))) {
      assertThat(server.apiPort()).isPositive();
    }
  }

  private static long writerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("flotilla-store-writer") && t.isAlive())
        .count();
  }
}

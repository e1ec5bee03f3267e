package dev.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.CommandRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Observer mode: the agent is started by a fake service manager, which also restarts it. */
@Timeout(120)
class ObserverIT {

  @TempDir Path dir;
  private Path pidFile;

  @AfterEach
  void killAgent() throws Exception {
    if (pidFile != null && Files.exists(pidFile)) {
      ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private long pid() throws Exception {
    return Long.parseLong(Files.readString(pidFile).strip());
  }

  @Test
  void findsTheAgentAndRestartsItThroughTheServiceManager() throws Exception {
    try (var server = new FleetServer(dir.resolve("server"));
        var agent = new FluentBitBeside(dir.resolve("agent"))) {
      pidFile = dir.resolve("agent.pid");
      Path script = dir.resolve("fake-service-manager.sh");
      Files.writeString(
          script,
          """
          #!/bin/sh
          if [ -f '%1$s' ]; then
            old=$(cat '%1$s')
            kill "$old" 2>/dev/null
            while kill -0 "$old" 2>/dev/null; do sleep 0.1; done
          fi
          nohup '%2$s' -c '%3$s' >> '%4$s' 2>&1 < /dev/null &
          echo $! > '%1$s'
          """
              .formatted(pidFile, agent.executable, agent.configFile, dir.resolve("agent.out")));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
      assertThat(new ProcessBuilder(script.toString()).start().waitFor(20, TimeUnit.SECONDS))
          .isTrue();
      long firstPid = pid();

      Path yaml = dir.resolve("supervisor.yaml");
      Files.writeString(
          yaml,
          """
          agent:
            observe:
              match: '%s'
            service-manager:
              type: command
              command: ['%s']
          """
              .formatted("-c " + Pattern.quote(agent.configFile.toString()), script));
      var supervisor = agent.start(yaml, agent.overrides(server.webSocketUrl()));
      String uid = supervisor.instanceUid().toString();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server
                      .agent(uid)
                      .map(a -> a.health() != null && a.health().healthy())
                      .orElse(false));
      assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(firstPid);
      long started = server.agent(uid).orElseThrow().health().startTimeUnixNano();

      server.fleet().sendCommand(uid, CommandRequest.restart());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> pid() != firstPid && supervisor.runtime().pid().orElse(-1) == pid());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  server
                      .agent(uid)
                      .map(a -> a.health().healthy() && a.health().startTimeUnixNano() > started)
                      .orElse(false));
      agent.close();
      assertThat(ProcessHandle.of(pid()).map(ProcessHandle::isAlive)).contains(true);
    }
  }
}

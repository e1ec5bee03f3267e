package dev.flotilla.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.proto.CommandType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentCommand;
import dev.flotilla.supervisor.config.SupervisorConfigLoader;
import dev.flotilla.supervisor.testing.FakeOpampServer;
import dev.flotilla.supervisor.testing.FluentBitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Observer mode with a fake service manager: a script that restarts the agent via a pid file. */
@Timeout(90)
class ObserverModeTest {

  @TempDir Path dir;
  private Path pidFile;
  private Path restartScript;

  private Path writeRestartScript(FluentBitFixture agent) throws Exception {
    pidFile = dir.resolve("agent.pid");
    restartScript = dir.resolve("restart-agent.sh");
    Files.writeString(
        restartScript,
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
    Files.setPosixFilePermissions(restartScript, PosixFilePermissions.fromString("rwx------"));
    return restartScript;
  }

  private long startedPid() throws Exception {
    return Long.parseLong(Files.readString(pidFile).strip());
  }

  private void runScript() throws Exception {
    var p = new ProcessBuilder(restartScript.toString()).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
  }

  @AfterEach
  void killAgent() throws Exception {
    if (pidFile != null && Files.exists(pidFile)) {
      ProcessHandle.of(startedPid()).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void findsTheAgentAndRestartsItThroughTheServiceManager() throws Exception {
    try (var server = new FakeOpampServer(0);
        var agent = new FluentBitFixture(dir)) {
      writeRestartScript(agent);
      runScript();
      long firstPid = startedPid();
      Path config = dir.resolve("supervisor.yaml");
      Files.writeString(
          config,
          """
          agent:
            mode: observer
            observe:
              match: '%s'
            service-manager:
              type: command
              command: ['%s']
          """
              .formatted(
                  "FluentBitStandIn -c " + Pattern.quote(agent.configFile.toString()),
                  restartScript));
      Map<String, String> overrides = agent.overrides(server.url());
      var supervisor =
          SupervisorAssembly.start(
              new SupervisorConfigLoader().load(config, overrides), Clock.systemUTC());
      try {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> server.health() != null && server.health().getHealthy());
        assertThat(supervisor.runtime().pid().orElseThrow()).isEqualTo(firstPid);
        long startBefore = server.health().getStartTimeUnixNano();

        server.push(
            ServerToAgent.newBuilder()
                .setCommand(
                    ServerToAgentCommand.newBuilder().setType(CommandType.CommandType_Restart))
                .build());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    startedPid() != firstPid
                        && supervisor.runtime().pid().orElse(-1) == startedPid());
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    server.health().getHealthy()
                        && server.health().getStartTimeUnixNano() > startBefore);

        long secondPid = startedPid();
        runScript(); // someone else restarts it: the supervisor follows the new process
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    startedPid() != secondPid
                        && supervisor.runtime().pid().orElse(-1) == startedPid());
      } finally {
        supervisor.close();
      }
      assertThat(ProcessHandle.of(startedPid()).map(ProcessHandle::isAlive)).contains(true);
    }
  }
}

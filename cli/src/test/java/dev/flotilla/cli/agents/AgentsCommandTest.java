package dev.flotilla.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.cli.Flotilla;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.FlotillaServer;
import dev.flotilla.server.config.ServerConfig;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flotilla agents …} against a live server with one simulated agent. */
class AgentsCommandTest {
  @TempDir Path dir;
  FlotillaServer server;
  SimEnvironment env;
  SimulatedAgent agent;
  String uid;

  @BeforeEach
  void start() {
    server =
        FlotillaServer.start(
            ServerConfig.defaults()
                .withBindAddress("127.0.0.1")
                .withOpampPort(0)
                .withApiPort(0)
                .withDataDir(dir.resolve("data"))
                .withNoAuth(true));
    env = SimEnvironment.create(Clock.systemUTC());
    InstanceUid id = InstanceUid.newV7(Clock.systemUTC());
    uid = id.toString();
    agent =
        new SimulatedAgent(
            AgentSettings.builder(
                    URI.create("ws://127.0.0.1:" + server.opampPort() + "/v1/opamp"), id)
                .description(AgentDescriptions.fluentBit("5.1.1", "cli-host"))
                .build(),
            env);
    agent.start().join();
    await().until(() -> server.fleet().summary().connected() == 1);
  }

  @AfterEach
  void stop() {
    agent.close();
    env.close();
    server.close();
  }

  @Test
  void listLabelRestartPushAndEvents() throws Exception {
    Run list = run("agents", "list");
    assertThat(list.code).isZero();
    assertThat(list.out).contains(uid).contains("cli-host").contains("connected");

    assertThat(run("agents", "label", uid, "env=prod", "team=logs").out).contains("env=prod");
    assertThat(run("agents", "list", "-l", "env=prod").out).contains("1 of 1 agent(s)");
    assertThat(run("agents", "list", "-l", "env=dev").out).contains("0 of 0 agent(s)");
    assertThat(run("agents", "get", uid).out).contains("\"instanceUid\" : \"" + uid + "\"");

    assertThat(run("agents", "restart", uid).code).isZero();
    await().until(() -> agent.restarts() == 1);

    Path conf = Files.writeString(dir.resolve("fluent-bit.conf"), "[INPUT]\n    Name cpu\n");
    Run push = run("agents", "push-config", uid, conf.toString());
    assertThat(push.code).isZero();
    assertThat(push.out).contains("offered config");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.fleet().agent(uid).remoteConfigStatus().status().equals("APPLIED"));
    assertThat(run("agents", "events", uid).out).contains("config_status_changed");
  }

  @Test
  void pushWithLintErrorsIsRefusedWithTheFindingsUnlessForced() throws Exception {
    Path conf =
        Files.writeString(
            dir.resolve("fluent-bit.conf"), "[INPUT]\n    Name no_such_input_plugin\n");
    Run refused = run("agents", "push-config", uid, conf.toString());
    assertThat(refused.code).isEqualTo(1);
    assertThat(refused.out).isEmpty();
    assertThat(refused.err)
        .contains("refused by the server")
        .contains("lint error")
        .contains("no_such_input_plugin")
        .contains("--force");
    assertThat(server.fleet().agent(uid).remoteConfig()).isNull();

    Run forced = run("agents", "push-config", uid, conf.toString(), "--force");
    assertThat(forced.code).as(forced.err).isZero();
    assertThat(forced.out).contains("offered config");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> server.fleet().agent(uid).remoteConfigStatus().status().equals("APPLIED"));
  }

  @Test
  void failuresBecomeExitCodesWithAClearMessage() {
    Run unknown = run("agents", "get", InstanceUid.newV7(Clock.systemUTC()).toString());
    assertThat(unknown.code).isEqualTo(1);
    assertThat(unknown.err).contains("no agent with instance uid");
    Run bad = run("agents", "get", "not-a-uid");
    assertThat(bad.code).isEqualTo(2);
    Run down = run("agents", "list", "--server", "http://127.0.0.1:1");
    assertThat(down.code).isEqualTo(3);
  }

  private record Run(int code, String out, String err) {}

  private Run run(String... args) {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--server";
    full[args.length + 1] = "http://127.0.0.1:" + server.apiPort();
    if (java.util.Arrays.asList(args).contains("--server")) {
      full = args;
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Flotilla.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(full);
    return new Run(code, out.toString(), err.toString());
  }
}

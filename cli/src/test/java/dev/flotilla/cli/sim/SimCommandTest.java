package dev.flotilla.cli.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour.Outcome;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What {@code flotilla sim}'s options make of each agent. */
class SimCommandTest {
  private static final AgentRemoteConfig OFFER = offer("[INPUT]\n    Name dummy\n");
  private static final AgentRemoteConfig BROKEN = offer("[INPUT]\n    Name BROKEN\n");

  @Test
  void byDefaultAgentsApplyEveryConfigAtOnce() {
    AgentSettings s = settings(0, "--server-url", "ws://127.0.0.1:4320/v1/opamp");
    assertThat(s.applyDelay()).isEqualTo(Duration.ZERO);
    assertThat(s.remoteConfig().apply(OFFER)).isEqualTo(new Outcome.Applied(OFFER.getConfig()));
    assertThat(AgentDescriptions.nonIdentifying(s.description()))
        .containsEntry("host.name", "sim-0000");
  }

  @Test
  void deploymentDemoFlags() {
    String[] args = {
      "--server-url",
      "ws://127.0.0.1:4320/v1/opamp",
      "--reject-config",
      "BROKEN",
      "--apply-delay",
      "1.5",
      "--attribute",
      "region=eu",
      "--attribute",
      "tier=edge"
    };
    AgentSettings s = settings(3, args);
    assertThat(s.applyDelay()).isEqualTo(Duration.ofMillis(1500));
    assertThat(s.remoteConfig().apply(BROKEN))
        .isEqualTo(new Outcome.Failed("config rejected: it matches /BROKEN/"));
    assertThat(s.remoteConfig().apply(OFFER)).isEqualTo(new Outcome.Applied(OFFER.getConfig()));
    assertThat(AgentDescriptions.nonIdentifying(s.description()))
        .containsEntry("region", "eu")
        .containsEntry("tier", "edge")
        .containsEntry("host.name", "sim-0003");
    assertThat(AgentDescriptions.identifying(s.description()))
        .containsEntry("service.name", AgentDescriptions.FLUENT_BIT)
        .doesNotContainKey("region");
  }

  @Test
  void theFirstNRejectAndTheOthersTurnUnhealthyAfterApplying() {
    String[] args = {
      "--server-url", "ws://127.0.0.1:4320/v1/opamp",
      "--agents", "4",
      "--reject-config", "BROKEN",
      "--reject-count", "1",
      "--unhealthy-after-config", "."
    };
    assertThat(settings(0, args).remoteConfig().apply(BROKEN)).isInstanceOf(Outcome.Failed.class);
    assertThat(settings(1, args).remoteConfig().apply(BROKEN))
        .isEqualTo(
            new Outcome.Applied(
                BROKEN.getConfig(), "unhealthy after applying a config matching /./"));
  }

  @Test
  void outOfRangeOptionsAreRefused() {
    assertThatThrownBy(() -> settings(0, "--server-url", "ws://h/v1/opamp", "--reject-count", "9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--reject-count");
    assertThatThrownBy(() -> settings(0, "--server-url", "ws://h/v1/opamp", "--apply-delay", "-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--apply-delay");
  }

  private static AgentRemoteConfig offer(String body) {
    return AgentRemoteConfig.newBuilder()
        .setConfig(
            AgentConfigMap.newBuilder()
                .putConfigMap(
                    "fluent-bit.conf",
                    AgentConfigFile.newBuilder().setBody(ByteString.copyFromUtf8(body)).build()))
        .build();
  }

  private static AgentSettings settings(int index, String... args) {
    SimCommand sim = new SimCommand();
    new CommandLine(sim).parseArgs(args);
    sim.validate();
    return sim.settings(index, Clock.systemUTC());
  }
}

package dev.flotilla.server.opamp;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig;
import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_ReportsStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** One agent cannot make the server hold an effective config beyond the configured size. */
class EffectiveConfigLimitTest {
  @TempDir Path dir;

  @Test
  void anOversizedEffectiveConfigIsNotKeptAndTheHistorySaysWhy() {
    try (TestServer server = TestServer.start(dir, c -> c.withMaxEffectiveConfigBytes(4096))) {
      RawAgent agent =
          new RawAgent(
              Capabilities.of(
                  AgentCapabilities_ReportsStatus, AgentCapabilities_ReportsEffectiveConfig));
      OpampHttp http = new OpampHttp(server.opampHttp());
      http.send(agent.full("big").setEffectiveConfig(config("[INPUT]\n    Name cpu\n")).build());
      assertThat(files(server, agent).has("fluent-bit.conf")).isTrue();

      String huge = "# " + "x".repeat(10_000) + "\n";
      http.send(agent.next().setEffectiveConfig(config(huge)).build());

      JsonNode kept = files(server, agent).get("fluent-bit.conf");
      assertThat(kept.get("body").asString()).contains("Name cpu");
      JsonNode events = server.getJson("/api/v1/agents/" + agent.uid + "/events");
      assertThat(events.get("items").valueStream())
          .anySatisfy(
              e -> {
                assertThat(e.get("type").asString()).isEqualTo("effective_config_refused");
                assertThat(e.get("message").asString()).contains("limit of 4096 bytes");
              });
      // the agent is still served
      assertThat(http.send(agent.next().build()).getInstanceUid()).isEqualTo(agent.uidBytes());
    }
  }

  private static JsonNode files(TestServer server, RawAgent agent) {
    return server.getJson("/api/v1/agents/" + agent.uid).at("/effectiveConfig/files");
  }

  private static EffectiveConfig config(String body) {
    return EffectiveConfig.newBuilder()
        .setConfigMap(
            AgentConfigMap.newBuilder()
                .putConfigMap(
                    "fluent-bit.conf",
                    AgentConfigFile.newBuilder()
                        .setBody(ByteString.copyFromUtf8(body))
                        .setContentType("text/plain")
                        .build()))
        .build();
  }
}

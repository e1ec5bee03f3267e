package dev.flotilla.server.console;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.server.support.TestServer;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Simulated agents for one test, all closed with it. */
final class SimFleet implements AutoCloseable {
  static final String FLUENT_BIT_CONF =
      """
      [SERVICE]
          flush        1
          log_level    info
          http_server  on

      [INPUT]
          name         tail
          path         /var/log/app/*.log
          tag          app.*

      [OUTPUT]
          name         forward
          match        *
          host         ${AGGREGATOR_HOST}
          port         24224
      """;

  private final SimEnvironment env;
  private final TestServer server;
  private final String agentToken;
  private final List<SimulatedAgent> agents = new ArrayList<>();

  SimFleet(SimEnvironment env, TestServer server, String agentToken) {
    this.env = env;
    this.server = server;
    this.agentToken = agentToken;
  }

  /** A Fluent Bit on {@code host} over WebSocket; waits until the server answered it. */
  SimulatedAgent fluentBit(String host, String version) {
    return start(b -> b.description(AgentDescriptions.fluentBit(version, host)), true);
  }

  SimulatedAgent fluentd(String host, String version) {
    return start(b -> b.description(AgentDescriptions.fluentd(version, host)), true);
  }

  SimulatedAgent start(UnaryOperator<AgentSettings.Builder> customize, boolean awaitAnswer) {
    AgentSettings.Builder b =
        AgentSettings.builder(server.opampWs(), InstanceUid.newV7(Clock.systemUTC()))
            .effectiveConfig(config("fluent-bit.conf", FLUENT_BIT_CONF, "text/plain"));
    if (agentToken != null) {
      b.bearerToken(agentToken);
    }
    SimulatedAgent agent = new SimulatedAgent(customize.apply(b).build(), env);
    agents.add(agent);
    var started = agent.start();
    if (awaitAnswer) {
      try {
        started.get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("simulated agent did not connect", e);
      }
    }
    return agent;
  }

  static AgentConfigMap config(String name, String body, String contentType) {
    return AgentConfigMap.newBuilder()
        .putConfigMap(
            name,
            AgentConfigFile.newBuilder()
                .setBody(ByteString.copyFromUtf8(body))
                .setContentType(contentType)
                .build())
        .build();
  }

  static Map<String, String> attributes(String... keyValues) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  @Override
  public void close() {
    agents.forEach(SimulatedAgent::close);
  }
}

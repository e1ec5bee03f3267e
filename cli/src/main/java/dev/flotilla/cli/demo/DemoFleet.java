package dev.flotilla.cli.demo;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.RemoteConfigBehaviour;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedAgent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The handful of simulated agents {@code flotilla demo} starts: healthy Fluent Bit and Fluentd
 * agents over WebSocket, one unhealthy, one that fails every config it is offered, one polling over
 * plain HTTP.
 */
final class DemoFleet implements AutoCloseable {
  /** One simulated agent and the labels the demo gives it. */
  record Member(String role, SimulatedAgent agent, Map<String, String> labels) {}

  private final SimEnvironment env;
  private final List<Member> members = new ArrayList<>();

  DemoFleet(URI webSocket, URI http, Clock clock) {
    this.env = SimEnvironment.create(clock);
    Duration beat = Duration.ofSeconds(10);
    add(
        "edge-1",
        ws(webSocket, clock, "edge-fb-1", beat).build(),
        Map.of("env", "prod", "site", "fra"));
    add(
        "edge-2",
        ws(webSocket, clock, "edge-fb-2", beat).build(),
        Map.of("env", "prod", "site", "ams"));
    add(
        "aggregator",
        ws(webSocket, clock, "aggregator-1", beat)
            .description(AgentDescriptions.fluentd("1.16.11", "aggregator-1"))
            .effectiveConfig(config("fluent.conf", FLUENTD_CONF, "text/plain"))
            .build(),
        Map.of("env", "prod", "tier", "aggregation"));
    add(
        "unhealthy",
        ws(webSocket, clock, "edge-fb-3", beat)
            .health(
                ComponentHealth.newBuilder()
                    .setHealthy(false)
                    .setStatus("output errors")
                    .setLastError("output:http.0: connection refused (retrying)")
                    .setStartTimeUnixNano(clock.millis() * 1_000_000L)
                    .putComponentHealthMap(
                        "output:http.0",
                        ComponentHealth.newBuilder()
                            .setHealthy(false)
                            .setLastError("connection refused")
                            .build())
                    .putComponentHealthMap(
                        "input:tail.0", ComponentHealth.newBuilder().setHealthy(true).build())
                    .build())
            .build(),
        Map.of("env", "staging", "site", "fra"));
    add(
        "failing-config",
        ws(webSocket, clock, "edge-fb-4", beat)
            .remoteConfig(
                RemoteConfigBehaviour.failAll(
                    "[error] [config] section 'OUTPUT' is missing the 'Match' property"))
            .build(),
        Map.of("env", "staging", "site", "ams"));
    add(
        "http",
        AgentSettings.builder(http, stableUid("batch-host-1"))
            .description(AgentDescriptions.fluentBit("5.1.1", "batch-host-1"))
            .effectiveConfig(config("fluent-bit.conf", FLUENT_BIT_CONF, "text/plain"))
            .heartbeatInterval(beat)
            .build(),
        Map.of("env", "prod", "site", "batch"));
  }

  private AgentSettings.Builder ws(URI endpoint, Clock clock, String host, Duration beat) {
    return AgentSettings.builder(endpoint, stableUid(host))
        .description(AgentDescriptions.fluentBit("5.1.1", host))
        .effectiveConfig(config("fluent-bit.conf", FLUENT_BIT_CONF, "text/plain"))
        .customCapabilities(List.of("dev.flotilla.agent.reload", "dev.flotilla.chatops.forward"))
        .heartbeatInterval(beat);
  }

  /** The same uid on every run, so a restarted demo finds its agents again. */
  private static InstanceUid stableUid(String host) {
    java.util.UUID u =
        java.util.UUID.nameUUIDFromBytes(
            ("flotilla-demo/" + host).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new InstanceUid(u.getMostSignificantBits(), u.getLeastSignificantBits());
  }

  private void add(String role, AgentSettings settings, Map<String, String> labels) {
    members.add(new Member(role, new SimulatedAgent(settings, env), labels));
  }

  List<Member> members() {
    return members;
  }

  Member member(String role) {
    return members.stream().filter(m -> m.role().equals(role)).findFirst().orElseThrow();
  }

  void start() {
    members.forEach(m -> m.agent().start().join());
  }

  @Override
  public void close() {
    members.forEach(m -> m.agent().close());
    env.close();
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

  static final String FLUENT_BIT_CONF =
      """
      # config_version: 12
      [SERVICE]
          Flush         1
          Log_Level     info
          HTTP_Server   On
          HTTP_Port     2020
          Hot_Reload    On

      [INPUT]
          Name          tail
          Path          /var/log/app/*.log
          Tag           app.*

      [FILTER]
          Name          grep
          Match         app.*
          Exclude       level debug

      [OUTPUT]
          Name          http
          Match         app.*
          Host          collector.internal
          Port          8080
      """;

  static final String FLUENTD_CONF =
      """
      # config_version: 7
      <source>
        @type forward
        port 24224
      </source>

      <source>
        @type monitor_agent
        port 24220
      </source>

      <match app.**>
        @type file
        path /var/log/aggregated/app
        <buffer time>
          timekey 1h
        </buffer>
      </match>
      """;
}

package dev.flotilla.supervisor.testing;

import dev.flotilla.supervisor.Supervisor;
import dev.flotilla.supervisor.SupervisorAssembly;
import dev.flotilla.supervisor.config.SupervisorConfig;
import dev.flotilla.supervisor.config.SupervisorConfigLoader;
import dev.flotilla.testkit.launch.StandInExecutable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Fluent Bit (stand-in or real) config in a temp folder, and a supervisor for it. */
public final class FluentBitFixture implements AutoCloseable {

  public final Path dir;
  public final Path configFile;
  public final int httpPort;
  public final Path executable;
  private Supervisor supervisor;

  public FluentBitFixture(Path dir) throws IOException {
    this.dir = dir;
    this.httpPort = freePort();
    this.configFile = dir.resolve("conf/fluent-bit.yaml");
    Files.createDirectories(configFile.getParent());
    Files.writeString(configFile, config("demo_dummy", ""));
    this.executable = StandInExecutable.fluentBit(dir.resolve("bin"));
  }

  public static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A valid config whose dummy input carries {@code alias}, plus extra pipeline YAML. */
  public String config(String alias, String extraOutputs) {
    return """
        # config_version: 7
        # instance_id_template: ${HOSTNAME}-edge
        service:
          http_server: on
          http_listen: 127.0.0.1
          http_port: %d
          hot_reload: on
          health_check: on
        pipeline:
          inputs:
            - name: dummy
              alias: %s
          outputs:
            - name: null
              match: '*'
        %s"""
        .formatted(httpPort, alias, extraOutputs);
  }

  public Map<String, String> overrides(URI serverUrl) {
    Map<String, String> o = new LinkedHashMap<>();
    o.put("server.url", serverUrl.toString());
    o.put("server.heartbeat", "1s");
    o.put("server.backoff.initial", "200ms");
    o.put("server.backoff.max", "1s");
    o.put("agent.type", "fluent-bit");
    o.put("agent.executable", executable.toString());
    o.put("agent.config", configFile.toString());
    o.put("agent.stop-timeout", "2s");
    o.put("state-dir", dir.resolve("state").toString());
    o.put("health-interval", "300ms");
    o.put("remote-config.reload-timeout", "6s");
    o.put("remote-config.health-timeout", "20s");
    o.put("remote-config.settle", "1s");
    return o;
  }

  public Supervisor start(URI serverUrl) throws IOException {
    return start(overrides(serverUrl));
  }

  public Supervisor start(Map<String, String> overrides) throws IOException {
    SupervisorConfig config = new SupervisorConfigLoader().load(null, overrides);
    supervisor = SupervisorAssembly.start(config, Clock.systemUTC());
    return supervisor;
  }

  /** GET on the agent's monitoring API; empty body when it does not answer. */
  public String get(String path) {
    return dev.flotilla.testkit.launch.LoopbackHttp.get(httpPort, path);
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
  }
}

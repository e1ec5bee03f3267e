package dev.flotilla.supervisor.fluentd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluentdConfigTest {

  @TempDir Path dir;

  @Test
  void findsIncludesMonitorAgentAndRpcEndpoint() throws Exception {
    Files.createDirectories(dir.resolve("conf.d"));
    Files.writeString(
        dir.resolve("conf.d/monitor.conf"),
        "<source>\n  @type monitor_agent\n  bind 0.0.0.0\n  port 24230 # comment\n</source>\n");
    Path main = dir.resolve("fluent.conf");
    Files.writeString(
        main,
        """
        <system>
          rpc_endpoint 127.0.0.1:24444
          enable_get_dump true
        </system>
        @include conf.d/*.conf
        <match **>
          @type null
          <buffer>
            flush_mode interval
          </buffer>
        </match>
        """);
    var config = FluentdConfig.read(main);
    assertThat(config.files()).containsExactly(main, dir.resolve("conf.d/monitor.conf"));
    assertThat(config.monitorBase().toString()).isEqualTo("http://127.0.0.1:24230");
    assertThat(config.rpcBase().toString()).isEqualTo("http://127.0.0.1:24444");
    assertThat(config.getDumpEnabled()).isTrue();
  }
}

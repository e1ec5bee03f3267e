package dev.flotilla.testkit.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.InstanceUid;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SimulatedFleetTest {

  @Test
  void startsAgentsAtTheRateAndTheyShareOneEnvironment() throws Exception {
    Clock clock = Clock.systemUTC();
    try (FakeOpampServer server = new FakeOpampServer();
        SimEnvironment env = SimEnvironment.create(clock)) {
      int threadsBefore = Thread.activeCount();
      long started = System.nanoTime();
      try (SimulatedFleet fleet =
          SimulatedFleet.start(
              100,
              400,
              i ->
                  AgentSettings.builder(
                          i % 2 == 0 ? server.wsUri() : server.httpUri(), InstanceUid.newV7(clock))
                      .heartbeatInterval(Duration.ofMillis(200))
                      .receivedLimit(0)
                      .build(),
              env)) {
        fleet.ramped().get(10, TimeUnit.SECONDS);
        // 100 agents at 400/s take about a quarter of a second to start
        assertThat(System.nanoTime() - started).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(200));

        await().until(() -> fleet.connected() == 100);
        await().until(() -> fleet.agents().stream().allMatch(a -> a.sequenceNum() >= 3));
        // the fake server runs virtual threads; the agents add no platform threads of their own
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(10);

        fleet.disconnectAll().get(10, TimeUnit.SECONDS);
        await()
            .until(
                () -> server.received.stream().filter(m -> m.hasAgentDisconnect()).count() == 100);
      }
    }
  }
}

package dev.flotilla.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.fleet.AgentQuery;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.HttpFleetClient;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.testkit.sim.AgentDescriptions;
import dev.flotilla.testkit.sim.AgentSettings;
import dev.flotilla.testkit.sim.SimEnvironment;
import dev.flotilla.testkit.sim.SimulatedFleet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the server with SIGKILL again and again while an operator works through the REST API and
 * hundreds of agents are connected, and checks after every restart that nothing the server
 * acknowledged is lost and that no agent got approved that an operator did not approve.
 *
 * <p>SQLite, and PostgreSQL: an embedded one, or the empty database {@code
 * -Dflotilla.durability.postgres=<JDBC URL>} names. {@code -Dflotilla.durability.seed=N} replays
 * another sequence of calls and kill moments.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DurabilityIT {
  private static final int AGENTS = 300;
  private static final int KILLS = 12;
  private static final long SEED = Long.getLong("flotilla.durability.seed", 20_260_520L);

  @TempDir Path dir;

  @Test
  void sqliteLosesNothingAcknowledgedAcrossKills() throws Exception {
    survive("SQLite", null);
  }

  @Test
  void postgresqlLosesNothingAcknowledgedAcrossKills() throws Exception {
    String url = System.getProperty("flotilla.durability.postgres");
    if (url != null && !url.isBlank()) {
      survive("PostgreSQL", url);
      return;
    }
    // an embedded PostgreSQL of its own; only the server is killed, the database lives on
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      survive("PostgreSQL", postgres.getJdbcUrl("postgres", "postgres"));
    }
  }

  private void survive(String database, String store) throws Exception {
    long began = System.nanoTime();
    Random kills = new Random(SEED);
    Ledger ledger = new Ledger();
    ExecutorService operatorThread = Executors.newSingleThreadExecutor();
    try (ServerProcess server = new ServerProcess(dir.resolve("server"), store);
        SimEnvironment env = SimEnvironment.create(2, 1, Clock.systemUTC())) {
      server.start();
      HttpFleetClient api = new HttpFleetClient(server.apiUrl(), null);
      List<String> uids = new ArrayList<>();
      List<AgentSettings> settings = new ArrayList<>();
      for (int i = 0; i < AGENTS; i++) {
        AgentSettings s =
            AgentSettings.builder(server.webSocketUrl(), InstanceUid.newV7(Clock.systemUTC()))
                .description(AgentDescriptions.fluentBit("4.0.3", "durability-" + i))
                .heartbeatInterval(Duration.ofSeconds(30))
                .receivedLimit(0)
                .build();
        settings.add(s);
        uids.add(s.instanceUid().toString());
      }
      try (SimulatedFleet fleet = SimulatedFleet.start(AGENTS, 200, settings::get, env)) {
        await("agents connected")
            .atMost(Duration.ofSeconds(60))
            .until(() -> fleet.connected() >= AGENTS * 9 / 10);
        Operator operator = new Operator(api, uids, ledger, new Random(SEED + 1));
        StoreCheck check = new StoreCheck(api, server.apiUrl());
        int killed = 0;
        long restarting = 0;
        while (killed < KILLS) {
          AtomicBoolean stop = new AtomicBoolean();
          Future<?> working = operatorThread.submit(() -> operator.runUntil(stop::get));
          activityWindow(kills);
          server.kill();
          killed++;
          stop.set(true);
          working.get(1, TimeUnit.MINUTES);
          long down = System.nanoTime();
          server.start();
          restarting += System.nanoTime() - down;
          check.check(ledger, killed);
        }
        // The agents come back on their own; give them a moment, then look once more.
        await("agents reconnected")
            .atMost(Duration.ofSeconds(45))
            .ignoreException(FleetException.class)
            .until(() -> api.summary().connected() >= AGENTS * 9 / 10);
        check.check(ledger, killed);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
        System.out.printf(
            "durability %s: %d kills survived, %d acknowledged writes checked (%d checks; %d"
                + " operator calls, %d cut off unanswered), %d records lost, %d agents wrongly approved; %d agents,"
                + " %d approved, seed %d, %d s (%.1f s per restart)%n",
            database,
            killed,
            check.writesChecked,
            check.checks,
            operator.calls(),
            ledger.unansweredCalls(),
            check.lost.size(),
            check.wronglyApproved.size(),
            api.agents(new AgentQuery(null, null, null, null, null, 0, 1)).total(),
            ledger.approved.size(),
            SEED,
            seconds,
            restarting / 1e9 / killed);
        assertThat(check.lost).as("acknowledged writes missing after a kill").isEmpty();
        assertThat(check.wronglyApproved).as("agents approved by no operator").isEmpty();
        assertThat(ledger.acknowledged()).as("acknowledged writes").isGreaterThan(100);
        assertThat(ledger.approved).as("approved agents").isNotEmpty();
        assertThat(ledger.versions).as("published versions").isNotEmpty();
      }
    } finally {
      operatorThread.shutdownNow();
    }
  }

  /**
   * Lets the operator and the agents work for 0.5 to 3 s (chosen by the seeded random) before the
   * next kill: the one deliberate pause of this test.
   */
  private static void activityWindow(Random random) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(2501));
    for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }
}

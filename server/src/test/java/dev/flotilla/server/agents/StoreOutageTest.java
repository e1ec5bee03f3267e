package dev.flotilla.server.agents;

import static dev.flotilla.server.store.Fixtures.T0;
import static dev.flotilla.server.store.Fixtures.event;
import static dev.flotilla.server.store.Fixtures.fullAgent;
import static dev.flotilla.server.store.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.Database;
import dev.flotilla.server.store.FleetTables;
import dev.flotilla.server.store.StoreException;
import dev.flotilla.server.store.StoreMetrics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store writer keeps everything while the database is unavailable, and loses nothing. */
class StoreOutageTest {

  private static final StoreWriter.Settings FAST =
      new StoreWriter.Settings(Duration.ofMillis(20), 1000, Duration.ofMillis(200), 10_000);

  @TempDir Path dir;

  private final RecordingListener listener = new RecordingListener();
  private final List<InstanceUid> agents = IntStream.range(0, 20).mapToObj(i -> uid()).toList();

  @Test
  void postgresqlThatStopsAndStartsAgain() throws Exception {
    Path data = dir.resolve("pg");
    int port = freePort();
    EmbeddedPostgres postgres = startPostgres(data, port);
    try (var store = FleetTables.open(postgres.getJdbcUrl("postgres", "postgres"), dir, quick(4));
        var writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, listener).start()) {
      writer.agentChanged(fullAgent(agents.getFirst(), 1));
      waiting().until(() -> writer.metrics().agentsWritten() == 1);

      postgres.close();
      writeWhileDown(writer);
      postgres = startPostgres(data, port);

      waitForRecovery(writer);
      assertEverythingStored(store);
    } finally {
      postgres.close();
    }
  }

  @Test
  void sqliteLockedByAnotherProcess() throws Exception {
    try (var store = FleetTables.open(null, dir, quick(4));
        var writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, listener).start();
        var other =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.toAbsolutePath().resolve(Database.SQLITE_FILE));
        var statement = other.createStatement()) {
      statement.execute("BEGIN IMMEDIATE"); // holds the write lock until rolled back

      writeWhileDown(writer);
      assertThat(listener.outages.getFirst()).hasMessageContaining("saving");
      InstanceUid edited = agents.getFirst();
      assertThatThrownBy(() -> writer.saveNow(fullAgent(edited, 9)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("agents to sqlite:");
      assertThat(writer.metrics().pendingAgents()).isEqualTo(agents.size());
      statement.execute("ROLLBACK");

      waitForRecovery(writer);
      assertEverythingStored(store);
    }
  }

  @Test
  void sqliteDiskFull() {
    // one connection, so that the page limit (a per-connection setting) applies to the writer
    try (var store = FleetTables.open(null, dir, quick(1));
        var writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, listener).start()) {
      pragma(store, "max_page_count = " + pragma(store, "page_count"));

      writeWhileDown(
          writer,
          w ->
              IntStream.range(0, 50)
                  .forEach(
                      i ->
                          w.event(
                              AgentEvent.of(
                                  agents.getFirst(),
                                  T0,
                                  AgentEvent.DESCRIPTION_CHANGED,
                                  "x".repeat(2000),
                                  Map.of("i", Integer.toString(i))))));
      assertThat(listener.outages.getFirst()).hasMessageContaining("full");
      assertThat(store.loadAgents()).isEmpty();
      pragma(store, "max_page_count = 1000000");

      waitForRecovery(writer);
      assertEverythingStored(store);
      assertThat(store.events(agents.getFirst(), Long.MAX_VALUE, 100)).hasSize(52);
    }
  }

  private void writeWhileDown(StoreWriter writer) {
    writeWhileDown(writer, w -> {});
  }

  /** Three snapshots of each agent and two events of the first, then waits for retries. */
  private void writeWhileDown(StoreWriter writer, Consumer<StoreWriter> more) {
    for (long version = 1; version <= 3; version++) {
      for (InstanceUid uid : agents) {
        writer.agentChanged(fullAgent(uid, version));
      }
    }
    writer.event(event(agents.getFirst(), 1));
    writer.event(event(agents.getFirst(), 2));
    more.accept(writer);
    waiting().until(() -> writer.metrics().batchFailures() >= 3);

    StoreMetrics metrics = writer.metrics();
    assertThat(listener.outages).hasSize(1);
    assertThat(listener.recoveries).isEmpty();
    assertThat(metrics.available()).isFalse();
    assertThat(metrics.pendingAgents()).isEqualTo(agents.size());
    assertThat(metrics.pendingEvents()).isGreaterThanOrEqualTo(2);
  }

  private void waitForRecovery(StoreWriter writer) {
    waiting()
        .untilAsserted(
            () -> {
              StoreMetrics metrics = writer.metrics();
              assertThat(metrics.pendingAgents()).isZero();
              assertThat(metrics.pendingEvents()).isZero();
              assertThat(metrics.available()).isTrue();
              // the listener hears of it just after the metrics show it
              assertThat(listener.recoveries).hasSize(1);
            });
    assertThat(listener.outages).hasSize(1);
  }

  private void assertEverythingStored(FleetTables store) {
    assertThat(store.loadAgents())
        .containsExactlyInAnyOrderElementsOf(
            agents.stream().map(uid -> fullAgent(uid, 3)).toList());
    assertThat(store.events(agents.getFirst(), Long.MAX_VALUE, 100))
        .extracting(AgentEvent::message)
        .contains("health changed 2", "health changed 1");
  }

  private static Database.Settings quick(int poolSize) {
    return new Database.Settings(
        poolSize, Duration.ofMillis(500), Duration.ofMillis(100), Duration.ofSeconds(10));
  }

  private static ConditionFactory waiting() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
  }

  private static String pragma(FleetTables store, String pragma) {
    return store.withConnection(
        "PRAGMA " + pragma,
        c -> {
          try (var s = c.createStatement();
              var rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getString(1) : null;
          }
        });
  }

  private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .start();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

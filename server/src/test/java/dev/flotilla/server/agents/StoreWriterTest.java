package dev.flotilla.server.agents;

import static dev.flotilla.server.store.Fixtures.event;
import static dev.flotilla.server.store.Fixtures.fullAgent;
import static dev.flotilla.server.store.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.FleetTables;
import dev.flotilla.server.store.StoreKind;
import dev.flotilla.server.store.StoreMetrics;
import dev.flotilla.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(StoreKind.class)
class StoreWriterTest {

  static final StoreWriter.Settings FAST =
      new StoreWriter.Settings(Duration.ofMillis(20), 1000, Duration.ofMillis(200), 10_000);

  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Parameter StoreKind kind;
  @TempDir Path tempDir;

  private FleetTables store;
  private StoreWriter writer;

  @BeforeEach
  void open() {
    store = databases.fresh(kind, tempDir).open();
  }

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
    store.close();
  }

  @Test
  void runningOutOfMemoryInABatchDoesNotEndTheWriter() {
    java.util.concurrent.atomic.AtomicInteger ooms =
        new java.util.concurrent.atomic.AtomicInteger(2);
    AgentStore flaky =
        new AgentStore() {
          @Override
          public List<AgentRecord> loadAgents() {
            return store.loadAgents();
          }

          @Override
          public List<AgentEvent> saveAgents(
              java.util.Collection<AgentRecord> agents,
              java.util.Collection<Approval> approvals,
              List<AgentEvent> events) {
            if (!agents.isEmpty() && ooms.getAndDecrement() > 0) {
              throw new OutOfMemoryError("Java heap space");
            }
            return store.saveAgents(agents, approvals, events);
          }

          @Override
          public void deleteAgent(InstanceUid uid) {
            store.deleteAgent(uid);
          }

          @Override
          public void renameAgent(InstanceUid from, InstanceUid to) {
            store.renameAgent(from, to);
          }

          @Override
          public String describe() {
            return store.describe();
          }
        };
    RecordingListener listener = new RecordingListener();
    writer = new StoreWriter(flaky, store, Clock.systemUTC(), FAST, listener).start();
    InstanceUid uid = uid();
    writer.agentChanged(fullAgent(uid, 1));

    await().until(() -> writer.metrics().batchFailures() >= 1);
    Assertions.assertThat(listener.outages.getFirst().getMessage()).contains("OutOfMemoryError");
    await()
        .untilAsserted(
            () -> {
              assertThat(store.loadAgents()).containsExactly(fullAgent(uid, 1));
              assertThat(writer.metrics().available()).isTrue();
            });
    assertThat(writer.running()).isTrue();
    assertThat(listener.recoveries).hasSize(1);
  }

  @Test
  void aStoppedWriterIsNotReportedAvailable() {
    writer =
        new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE).start();
    assertThat(writer.metrics().available()).isTrue();
    writer.close();
    assertThat(writer.metrics().writerRunning()).isFalse();
    assertThat(writer.metrics().available()).isFalse();
  }

  @Test
  void coalescesManySnapshotsOfOneAgentIntoOneRowWrite() {
    writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE);
    InstanceUid uid = uid();
    for (int version = 1; version <= 500; version++) {
      writer.agentChanged(fullAgent(uid, version));
    }
    writer.agentChanged(fullAgent(uid, 3)); // late and stale

    writer.flush();

    StoreMetrics metrics = writer.metrics();
    assertThat(metrics.agentsWritten()).isEqualTo(1);
    assertThat(metrics.batchesWritten()).isEqualTo(1);
    assertThat(metrics.pendingAgents()).isZero();
    assertThat(store.loadAgents()).containsExactly(fullAgent(uid, 500));
  }

  @Test
  void theWriterThreadFlushesOnItsOwn() {
    writer =
        new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE).start();
    InstanceUid uid = uid();

    writer.agentChanged(fullAgent(uid, 1));
    writer.event(event(uid, 1));
    writer.event(event(uid, 2));

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(
            () -> {
              assertThat(store.loadAgents()).containsExactly(fullAgent(uid, 1));
              assertThat(store.events(uid, Long.MAX_VALUE, 10))
                  .extracting(AgentEvent::message)
                  .containsExactly("health changed 2", "health changed 1");
            });
    await().untilAsserted(() -> assertThat(writer.metrics().pendingEvents()).isZero());
    StoreMetrics metrics = writer.metrics();
    assertThat(metrics.batchFailures()).isZero();
    assertThat(metrics.lastBatchNanos()).isPositive();
    assertThat(metrics.batchNanosSum()).isGreaterThanOrEqualTo(metrics.lastBatchNanos());
    assertThat(metrics.batchNanosBuckets()).isSorted().last().isEqualTo(metrics.batchesWritten());
    assertThat(metrics.available()).isTrue();
  }

  @Test
  void splitsABacklogIntoBatchesAndKeepsEventOrder() {
    StoreWriter.Settings small =
        new StoreWriter.Settings(Duration.ofMillis(20), 10, Duration.ofMillis(200), 10_000);
    writer = new StoreWriter(store, store, Clock.systemUTC(), small, StoreWriter.Listener.NONE);
    InstanceUid chatty = uid();
    List<InstanceUid> agents = IntStream.range(0, 35).mapToObj(i -> uid()).toList();
    agents.forEach(uid -> writer.agentChanged(fullAgent(uid, 1)));
    IntStream.range(0, 25).forEach(i -> writer.event(event(chatty, i)));

    writer.flush();

    assertThat(writer.metrics().batchesWritten()).isEqualTo(4);
    assertThat(writer.metrics().agentsWritten()).isEqualTo(35);
    assertThat(writer.metrics().eventsWritten()).isEqualTo(25);
    assertThat(store.loadAgents())
        .extracting(AgentRecord::instanceUid)
        .containsExactlyInAnyOrderElementsOf(agents);
    assertThat(store.events(chatty, Long.MAX_VALUE, 100).reversed())
        .extracting(AgentEvent::message)
        .containsExactlyElementsOf(
            IntStream.range(0, 25).mapToObj(i -> "health changed " + i).toList());
  }

  @Test
  void appliesDeletesAndRenamesInOrder() {
    writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE);
    InstanceUid a = uid();
    InstanceUid b = uid();
    InstanceUid c = uid();
    store.saveAgents(List.of(fullAgent(a, 1)));
    store.appendEvents(List.of(event(a, 1)));

    writer.event(event(a, 2));
    writer.agentRenamed(a, b);
    writer.event(event(b, 3));
    writer.agentChanged(fullAgent(c, 1));
    writer.event(event(c, 4));
    writer.agentDeleted(c);
    writer.flush();

    assertThat(store.loadAgents()).extracting(AgentRecord::instanceUid).containsExactly(b);
    assertThat(store.events(b, Long.MAX_VALUE, 10))
        .extracting(AgentEvent::message)
        .containsExactly("health changed 3", "health changed 2", "health changed 1");
    assertThat(store.events(a, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(store.events(c, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(writer.metrics().pendingOps()).isZero();
  }

  @Test
  void saveNowWinsOverAnOlderQueuedSnapshot() {
    writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE);
    InstanceUid uid = uid();
    AgentRecord edited = fullAgent(uid, 2).toBuilder().labels(Map.of("env", "staging")).build();
    writer.agentChanged(fullAgent(uid, 1));

    writer.saveNow(edited);

    assertThat(store.loadAgents()).containsExactly(edited);
    assertThat(writer.metrics().pendingAgents()).isZero();
    writer.flush();
    assertThat(store.loadAgents()).containsExactly(edited);
  }

  @Test
  void deleteNowDropsQueuedWritesOfTheAgent() {
    writer = new StoreWriter(store, store, Clock.systemUTC(), FAST, StoreWriter.Listener.NONE);
    InstanceUid doomed = uid();
    InstanceUid renamed = uid();
    store.saveAgents(List.of(fullAgent(doomed, 1)));
    store.appendEvents(List.of(event(doomed, 1)));
    writer.agentChanged(fullAgent(doomed, 2));
    writer.event(event(doomed, 2));
    writer.agentRenamed(doomed, renamed); // queued before: written first

    writer.deleteNow(renamed);
    writer.flush();

    assertThat(store.loadAgents()).isEmpty();
    assertThat(store.events(doomed, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(store.events(renamed, Long.MAX_VALUE, 10)).isEmpty();
    assertThat(writer.metrics().pendingEvents()).isZero();
  }

  @Test
  void closeWritesWhatIsPending() {
    writer =
        new StoreWriter(
                store,
                store,
                Clock.systemUTC(),
                new StoreWriter.Settings(
                    Duration.ofHours(1), 1000, Duration.ofHours(1), 10_000), // never on its own
                StoreWriter.Listener.NONE)
            .start();
    InstanceUid uid = uid();
    writer.agentChanged(fullAgent(uid, 9));
    writer.event(event(uid, 1));

    writer.close();
    writer.agentChanged(fullAgent(uid, 10)); // ignored after close

    assertThat(store.loadAgents()).containsExactly(fullAgent(uid, 9));
    assertThat(store.events(uid, Long.MAX_VALUE, 10)).hasSize(1);
  }
}

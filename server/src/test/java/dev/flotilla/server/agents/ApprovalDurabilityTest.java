package dev.flotilla.server.agents;

import static dev.flotilla.server.store.Fixtures.fullAgent;
import static dev.flotilla.server.store.Fixtures.uid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.server.store.FleetTables;
import dev.flotilla.server.store.StoreKind;
import dev.flotilla.server.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Approval decisions are stored with agent rows: whatever reached the store before a crash (a fresh
 * {@link Approvals} loaded from it stands for the restarted server), no pending agent comes back
 * approved.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class ApprovalDurabilityTest {
  @RegisterExtension static final TestDatabases databases = new TestDatabases();

  @Parameter StoreKind kind;
  @TempDir Path tempDir;

  private FleetTables store;
  private StoreWriter writer;
  private Approvals approvals;

  @BeforeEach
  void open() {
    store = databases.fresh(kind, tempDir).open();
    // not started: only flush() writes, so each test decides what reached the store
    writer =
        new StoreWriter(
            store, store, Clock.systemUTC(), StoreWriterTest.FAST, StoreWriter.Listener.NONE);
    approvals = new Approvals(store, writer);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aNewAgentsRowIsNeverStoredWithoutItsPendingMark() {
    InstanceUid uid = uid();
    approvals.markPending(uid);
    writer.agentChanged(fullAgent(uid, 1));
    writer.flush(); // one batch, then the "crash": nothing else runs

    assertThat(store.loadAgents()).extracting(AgentRecord::instanceUid).containsExactly(uid);
    assertThat(restarted().state(uid)).isEqualTo(Approvals.PENDING);
  }

  @Test
  void manyNewAgentsInSmallBatchesAllStayPending() {
    StoreWriter small =
        new StoreWriter(
            store,
            store,
            Clock.systemUTC(),
            new StoreWriter.Settings(
                StoreWriterTest.FAST.flushInterval(), 3, StoreWriterTest.FAST.maxBackoff(), 100),
            StoreWriter.Listener.NONE);
    Approvals a = new Approvals(store, small);
    java.util.List<InstanceUid> uids =
        java.util.stream.Stream.generate(() -> uid()).limit(20).toList();
    for (InstanceUid uid : uids) {
      a.markPending(uid);
      small.agentChanged(fullAgent(uid, 1));
    }
    small.flush();
    Approvals after = restarted();
    assertThat(store.loadAgents()).hasSize(20);
    assertThat(uids).allSatisfy(uid -> assertThat(after.state(uid)).isEqualTo(Approvals.PENDING));
  }

  @Test
  void anOperatorsApprovalIsNotUndoneByAQueuedPendingMark() {
    InstanceUid uid = uid();
    approvals.markPending(uid);
    writer.agentChanged(fullAgent(uid, 1));
    approvals.decide(uid, Approvals.APPROVED); // before the batch with the mark was written
    writer.flush();

    assertThat(approvals.state(uid)).isEqualTo(Approvals.APPROVED);
    assertThat(restarted().state(uid)).isEqualTo(Approvals.APPROVED);
  }

  @Test
  void aRenamedPendingAgentStaysPendingUnderItsNewUidAfterARestart() {
    InstanceUid from = uid();
    InstanceUid to = uid();
    approvals.markPending(from);
    writer.agentChanged(fullAgent(from, 1));
    writer.flush();
    approvals.rename(from, to);
    writer.agentRenamed(from, to);
    writer.flush();

    Approvals after = restarted();
    assertThat(after.state(to)).isEqualTo(Approvals.PENDING);
    assertThat(after.state(from)).isEqualTo(Approvals.APPROVED);
    assertThat(store.loadApprovals()).containsOnlyKeys(to);
  }

  @Test
  void aRenameBeforeTheMarkWasWrittenMovesTheQueuedMark() {
    InstanceUid from = uid();
    InstanceUid to = uid();
    approvals.markPending(from);
    writer.agentChanged(fullAgent(from, 1));
    approvals.rename(from, to);
    writer.agentRenamed(from, to);
    writer.flush();

    assertThat(restarted().state(to)).isEqualTo(Approvals.PENDING);
    assertThat(store.loadApprovals()).containsOnlyKeys(to);
  }

  @Test
  void forgettingAPendingAgentDropsItsMarkButABlockStays() {
    InstanceUid pending = uid();
    InstanceUid blocked = uid();
    approvals.markPending(pending);
    approvals.decide(blocked, Approvals.BLOCKED);
    writer.flush();
    approvals.forget(pending);
    approvals.forget(blocked);
    writer.flush();

    assertThat(store.loadApprovals()).containsOnlyKeys(blocked);
    assertThat(restarted().isBlocked(blocked)).isTrue();
  }

  private Approvals restarted() {
    Approvals fresh = new Approvals(store, writer);
    fresh.load();
    return fresh;
  }
}

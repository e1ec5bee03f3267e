package dev.flotilla.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.fleet.FleetException.Kind;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkPoolTest {
  @Test
  void runsWorkAndPassesErrorsOn() {
    try (WorkPool pool = new WorkPool("t", 1, 1, Duration.ofSeconds(30))) {
      assertThat(pool.run("parse", () -> 42)).isEqualTo(42);
      assertThatThrownBy(
              () ->
                  pool.run(
                      "parse",
                      () -> {
                        throw new FleetException(Kind.NOT_FOUND, "gone");
                      }))
          .hasMessage("gone");
    }
  }

  @Test
  void workPastTheDeadlineIsStoppedAndCalledTooComplex() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    try (WorkPool pool = new WorkPool("t", 1, 1, Duration.ofMillis(50))) {
      assertThatThrownBy(
              () ->
                  pool.run(
                      "lint",
                      () -> {
                        try {
                          new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                          interrupted.countDown();
                        }
                        return null;
                      }))
          .isInstanceOfSatisfying(
              FleetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
          .hasMessageContaining("too complex");
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aFullQueueIsRefusedAsUnavailable() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try (WorkPool pool = new WorkPool("t", 1, 1, Duration.ofSeconds(30))) {
      Thread busy =
          Thread.ofVirtual()
              .start(
                  () ->
                      pool.run(
                          "parse",
                          () -> {
                            started.countDown();
                            try {
                              release.await();
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return 1;
                          }));
      started.await();
      Thread queued = Thread.ofVirtual().start(() -> pool.run("parse", () -> 2));
      org.awaitility.Awaitility.await()
          .until(
              () ->
                  queued.getState() == Thread.State.WAITING
                      || queued.getState() == Thread.State.TIMED_WAITING);
      assertThatThrownBy(() -> pool.run("parse", () -> 3))
          .isInstanceOfSatisfying(
              FleetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
      release.countDown();
      busy.join();
      queued.join();
    }
  }

  @Test
  void aStackOverflowIsRefusedNotThrown() {
    try (WorkPool pool = new WorkPool("t", 1, 1, Duration.ofSeconds(30))) {
      assertThatThrownBy(() -> pool.run("parse", WorkPoolTest::recurse))
          .isInstanceOfSatisfying(
              FleetException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST))
          .hasMessageContaining("nested too deeply");
    }
  }

  private static Integer recurse() {
    return recurse() + 1;
  }
}

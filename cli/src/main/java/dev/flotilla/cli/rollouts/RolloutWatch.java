package dev.flotilla.cli.rollouts;

import dev.flotilla.fleet.Deployments;
import dev.flotilla.fleet.RolloutView;
import java.time.Duration;

/**
 * Follows one rollout by polling the server until it is finished or paused, handing every view to a
 * {@link Progress}.
 */
final class RolloutWatch {

  /** Waits between polls; tests pass a short one. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final Deployments deployments;
  private final Duration interval;
  private final Sleeper sleeper;

  RolloutWatch(Deployments deployments, Duration interval, Sleeper sleeper) {
    this.deployments = deployments;
    this.interval = interval;
    this.sleeper = sleeper;
  }

  /**
   * @param first the view already at hand (the one a start or resume answered), or null
   * @return the view that ended the wait: finished, or paused
   */
  RolloutView follow(String id, RolloutView first, Progress progress) throws InterruptedException {
    RolloutView v = first == null ? deployments.rollout(id) : first;
    while (true) {
      progress.show(v);
      if (v.finished() || v.state().equals("paused")) {
        progress.done();
        return v;
      }
      sleeper.sleep(interval);
      v = deployments.rollout(id);
    }
  }
}

package dev.flotilla.fleet;

import dev.flotilla.fleet.FleetException.Kind;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where CPU-heavy work on untrusted input runs (parsing, linting, converting configs), apart from
 * the threads that serve agents and the API. The pool is small (half the cores, at least one), its
 * queue is bounded, and each caller waits at most a deadline: a request that cannot be queued gets
 * {@link Kind#UNAVAILABLE}, one that runs past the deadline gets {@link Kind#BAD_REQUEST} saying
 * the input is too complex, and its worker is interrupted. Work that overflows the stack (deeply
 * nested input) is refused the same way, never crashing the caller.
 *
 * <p>Thread-safe. Idle workers end after a while, so an idle pool holds no threads.
 */
public final class WorkPool implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final Duration deadline;

  public WorkPool(String name, int threads, int queue, Duration deadline) {
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(queue),
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              t.setPriority(Thread.NORM_PRIORITY - 1);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    this.deadline = deadline;
  }

  /** Half the machine's cores, at least one; 32 waiting; 10 s per request. */
  public static WorkPool forConfigs(String name) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    return new WorkPool(name, threads, 32, Duration.ofSeconds(10));
  }

  public Duration deadline() {
    return deadline;
  }

  /**
   * Runs {@code work} on the pool and waits for it.
   *
   * @param what what is being done, for the error message ("parse", "lint")
   */
  public <T> T run(String what, Supplier<T> work) {
    Future<T> future;
    try {
      future = pool.submit(work::get);
    } catch (RejectedExecutionException e) {
      throw new FleetException(
          Kind.UNAVAILABLE, "too many " + what + " requests at once; retry in a moment");
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FleetException(
          Kind.BAD_REQUEST,
          what
              + " took longer than "
              + deadline.toSeconds()
              + " s and was stopped: the input is too complex");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FleetException(Kind.UNAVAILABLE, what + " was interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof StackOverflowError) {
        throw new FleetException(
            Kind.BAD_REQUEST, what + " failed: the input is nested too deeply");
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new FleetException(Kind.INTERNAL, what + " failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}

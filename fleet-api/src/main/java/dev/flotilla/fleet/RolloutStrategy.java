package dev.flotilla.fleet;

/**
 * How a rollout goes through its agents. Null fields take the defaults below.
 *
 * @param canary agents first, on their own (default none)
 * @param batchSize agents per batch after the canary (default all remaining)
 * @param pauseSeconds wait between batches (default 0)
 * @param healthySeconds an agent counts as done after reporting APPLIED and healthy this long
 *     (default 0)
 * @param timeoutSeconds an offered agent that is not done by then counts as timed out (default 300)
 * @param maxFailures failed or timed-out agents tolerated; one more pauses the rollout (default 0)
 */
public record RolloutStrategy(
    Share canary,
    Share batchSize,
    Integer pauseSeconds,
    Integer healthySeconds,
    Integer timeoutSeconds,
    Share maxFailures) {

  public static RolloutStrategy defaults() {
    return new RolloutStrategy(null, null, null, null, null, null).withDefaults();
  }

  public RolloutStrategy withDefaults() {
    return new RolloutStrategy(
        canary == null ? Share.count(0) : canary,
        batchSize == null ? Share.percentOf(100) : batchSize,
        nonNegative(pauseSeconds, 0, "pauseSeconds"),
        nonNegative(healthySeconds, 0, "healthySeconds"),
        nonNegative(timeoutSeconds, 300, "timeoutSeconds"),
        maxFailures == null ? Share.count(0) : maxFailures);
  }

  private static int nonNegative(Integer value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value < 0) {
      throw new FleetException(FleetException.Kind.BAD_REQUEST, name + " must be >= 0");
    }
    return value;
  }
}

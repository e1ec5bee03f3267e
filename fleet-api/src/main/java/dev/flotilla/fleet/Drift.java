package dev.flotilla.fleet;

/**
 * How an agent's reported config compares with its desired version.
 *
 * @param state {@code none} (runs the desired version, or has none), {@code pending} (offered, not
 *     yet answered), {@code drifted} (reports another config) or {@code failed} (refused or could
 *     not apply the desired version)
 * @param detail a sentence for people; null when {@code none}
 * @param runningHash the hash the agent reports running, null when unknown
 */
public record Drift(String state, String detail, String runningHash) {
  public static final Drift NONE = new Drift("none", null, null);

  public boolean drifted() {
    return !"none".equals(state);
  }
}

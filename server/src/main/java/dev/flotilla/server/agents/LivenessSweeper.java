package dev.flotilla.server.agents;

import static dev.flotilla.opamp.proto.AgentCapabilities.AgentCapabilities_AcceptsOpAMPConnectionSettings;

import dev.flotilla.opamp.Capabilities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Marks silent HTTP agents disconnected. HTTP agents have no socket whose close tells us they left,
 * so an agent is offline once it missed three polls: three times the interval the server offered if
 * it accepts connection settings, else three times the spec's default of 30 s.
 */
public final class LivenessSweeper implements Runnable {
  static final Duration DEFAULT_AGENT_INTERVAL = Duration.ofSeconds(30);
  private static final int MISSED_POLLS = 3;

  private final Agents agents;
  private final Clock clock;
  private final Supplier<Duration> offeredInterval;
  private final BiConsumer<AgentEntry, String> disconnect;

  /**
   * @param disconnect marks one agent disconnected; called with the entry's lock held
   */
  public LivenessSweeper(
      Agents agents,
      Clock clock,
      Supplier<Duration> offeredInterval,
      BiConsumer<AgentEntry, String> disconnect) {
    this.agents = agents;
    this.clock = clock;
    this.offeredInterval = offeredInterval;
    this.disconnect = disconnect;
  }

  @Override
  public void run() {
    Instant now = clock.instant();
    for (AgentEntry entry : agents.entries()) {
      synchronized (entry) {
        Connection c = entry.record().connection();
        if (c == null || !c.connected() || !Connection.HTTP.equals(c.transport())) {
          continue;
        }
        Duration window = window(entry.record().capabilities());
        if (c.lastSeen().plus(window).isBefore(now)) {
          disconnect.accept(entry, "no poll for " + window.toSeconds() + " s");
        }
      }
    }
  }

  /** How long an HTTP agent may stay silent before it counts as disconnected. */
  public Duration window(long capabilities) {
    Duration interval =
        Capabilities.has(capabilities, AgentCapabilities_AcceptsOpAMPConnectionSettings)
            ? offeredInterval.get()
            : DEFAULT_AGENT_INTERVAL;
    return interval.multipliedBy(MISSED_POLLS);
  }
}

package dev.flotilla.server.agents;

import dev.flotilla.server.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what the store writer reported. */
final class RecordingListener implements StoreWriter.Listener {
  final List<StoreException> outages = new CopyOnWriteArrayList<>();
  final List<Duration> recoveries = new CopyOnWriteArrayList<>();

  @Override
  public void storeUnavailable(StoreException cause) {
    outages.add(cause);
  }

  @Override
  public void storeAvailable(Duration outage) {
    recoveries.add(outage);
  }
}

package dev.flotilla.server.agents;

import dev.flotilla.opamp.InstanceUid;

/**
 * Receives every change to the in-memory fleet: the store writer persists them in batches; live
 * views (console, metrics) may listen too. Called on the thread that made the change, after the
 * change; implementations must be quick and must not call back into the fleet.
 */
public interface FleetChanges {

  void agentChanged(AgentRecord snapshot);

  void event(AgentEvent event);

  void agentDeleted(InstanceUid uid);

  void agentRenamed(InstanceUid from, InstanceUid to);

  /** Fans out to several listeners in order. */
  static FleetChanges all(java.util.List<FleetChanges> listeners) {
    return new FleetChanges() {
      @Override
      public void agentChanged(AgentRecord snapshot) {
        listeners.forEach(l -> l.agentChanged(snapshot));
      }

      @Override
      public void event(AgentEvent event) {
        listeners.forEach(l -> l.event(event));
      }

      @Override
      public void agentDeleted(InstanceUid uid) {
        listeners.forEach(l -> l.agentDeleted(uid));
      }

      @Override
      public void agentRenamed(InstanceUid from, InstanceUid to) {
        listeners.forEach(l -> l.agentRenamed(from, to));
      }
    };
  }
}

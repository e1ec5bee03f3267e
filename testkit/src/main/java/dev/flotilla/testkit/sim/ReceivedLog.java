package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The newest {@code limit} messages an agent received; allocates nothing while empty. */
final class ReceivedLog {
  private final int limit;
  private ArrayDeque<ServerToAgent> messages; // guarded by this
  private List<CustomMessage> customMessages; // guarded by this

  ReceivedLog(int limit) {
    this.limit = limit;
  }

  synchronized void add(ServerToAgent message) {
    if (limit == 0) {
      return;
    }
    if (messages == null) {
      messages = new ArrayDeque<>();
    }
    if (messages.size() == limit) {
      messages.removeFirst();
    }
    messages.addLast(message);
  }

  /** Custom messages are always kept: they are rare and a demo shows them. */
  synchronized void addCustom(CustomMessage message) {
    if (customMessages == null) {
      customMessages = new ArrayList<>();
    }
    customMessages.add(message);
  }

  synchronized List<ServerToAgent> messages() {
    return messages == null ? List.of() : List.copyOf(messages);
  }

  synchronized List<CustomMessage> customMessages() {
    return customMessages == null ? List.of() : List.copyOf(customMessages);
  }
}

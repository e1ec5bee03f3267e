package dev.flotilla.server.opamp;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.CustomMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server's custom capabilities and the handler for each. */
public final class CustomCapabilities {
  private static final Logger log = LoggerFactory.getLogger(CustomCapabilities.class);
  private final Map<String, CustomMessageHandler> handlers = new ConcurrentHashMap<>();
  private final Map<String, CustomCommandDeclaration> declarations = new ConcurrentHashMap<>();

  /** Declares the commands operators can send for a capability (agents advertise it). */
  public void declare(CustomCommandDeclaration declaration) {
    declarations.put(declaration.capability(), declaration);
  }

  /** Every declaration, sorted by capability. */
  public List<CustomCommandDeclaration> declarations() {
    return declarations.values().stream()
        .sorted(java.util.Comparator.comparing(CustomCommandDeclaration::capability))
        .toList();
  }

  public void register(CustomMessageHandler handler) {
    handlers.put(handler.capability(), handler);
  }

  /** Capabilities to advertise, sorted. */
  public List<String> names() {
    return handlers.keySet().stream().sorted().toList();
  }

  /** Routes a message; an unknown capability is logged and ignored (never an error reply). */
  public CustomMessage route(InstanceUid agent, CustomMessage message) {
    CustomMessageHandler handler = handlers.get(message.getCapability());
    if (handler == null) {
      log.debug(
          "agent {} sent a custom message for capability {} that no handler takes",
          agent,
          message.getCapability());
      return null;
    }
    try {
      return handler.onMessage(agent, message);
    } catch (RuntimeException e) {
      log.warn(
          "custom message handler for {} failed on a message from {}",
          message.getCapability(),
          agent,
          e);
      return null;
    }
  }
}

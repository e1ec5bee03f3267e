package dev.flotilla.supervisor.opamp;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how to reach the server. The transport follows the endpoint's scheme: {@code ws}/{@code
 * wss} WebSocket, {@code http}/{@code https} plain HTTP.
 */
public record ConnectionSettings(
    URI endpoint, Map<String, String> headers, Duration heartbeat, boolean gzip) {

  public ConnectionSettings {
    headers = Map.copyOf(headers);
  }

  boolean webSocket() {
    String scheme = endpoint.getScheme();
    return scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss");
  }

  ConnectionSettings withHeartbeat(Duration interval) {
    return new ConnectionSettings(endpoint, headers, interval, gzip);
  }
}

package dev.flotilla.supervisor.opamp;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.proto.ConnectionSettingsOffers;
import dev.flotilla.opamp.proto.ConnectionSettingsStatus;
import dev.flotilla.opamp.proto.ConnectionSettingsStatuses;
import dev.flotilla.opamp.proto.Header;
import dev.flotilla.opamp.proto.OpAMPConnectionSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles offered OpAMP connection settings on the client's loop thread. A new heartbeat interval
 * is taken at once. A new endpoint or new headers are first tried on a fresh connection (one
 * message must go through); only then does the client send {@code agent_disconnect} on the old
 * connection and switch. On failure the old connection stays and the status says FAILED.
 */
final class ConnectionSettingsOffer {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionSettingsOffer.class);
  private final OpampClient client;
  private ByteString lastHash = ByteString.EMPTY;

  ConnectionSettingsOffer(OpampClient client) {
    this.client = client;
  }

  void offer(ConnectionSettingsOffers offers) {
    if (!offers.getHash().isEmpty() && offers.getHash().equals(lastHash)) {
      return;
    }
    lastHash = offers.getHash();
    OpAMPConnectionSettings offered = offers.getOpamp();
    ConnectionSettings current = client.settings();
    if (offered.getHeartbeatIntervalSeconds() > 0) {
      Duration interval = Duration.ofSeconds(offered.getHeartbeatIntervalSeconds());
      if (!interval.equals(current.heartbeat())) {
        client.applyHeartbeat(interval);
        current = client.settings();
      }
    }
    Map<String, String> headers = new LinkedHashMap<>(current.headers());
    for (Header h : offered.getHeaders().getHeadersList()) {
      headers.put(h.getKey(), h.getValue());
    }
    URI endpoint =
        offered.getDestinationEndpoint().isBlank()
            ? current.endpoint()
            : URI.create(offered.getDestinationEndpoint());
    if (endpoint.equals(current.endpoint()) && headers.equals(current.headers())) {
      status(ConnectionSettingsStatuses.ConnectionSettingsStatuses_APPLIED, "");
      return;
    }
    var candidate = new ConnectionSettings(endpoint, headers, current.heartbeat(), current.gzip());
    Transport trial = client.newTransport(candidate);
    try {
      trial.open(client::receiveFrom, cause -> client.droppedFrom(trial, cause));
      trial.send(client.newMessage().build());
    } catch (TransportException e) {
      trial.close();
      LOG.warn(
          "offered OpAMP endpoint {} does not work, keeping {}: {}",
          endpoint,
          current.endpoint(),
          e.getMessage());
      status(
          ConnectionSettingsStatuses.ConnectionSettingsStatuses_FAILED,
          "could not connect to " + endpoint + ": " + e.getMessage());
      return;
    }
    LOG.info("switching OpAMP connection to {}", endpoint);
    client.switchTo(candidate, trial);
    status(ConnectionSettingsStatuses.ConnectionSettingsStatuses_APPLIED, "");
  }

  private void status(ConnectionSettingsStatuses status, String error) {
    client.setStatus(
        StatusPart.CONNECTION_SETTINGS_STATUS,
        ConnectionSettingsStatus.newBuilder()
            .setLastConnectionSettingsHash(lastHash)
            .setStatus(status)
            .setErrorMessage(error)
            .build());
  }
}

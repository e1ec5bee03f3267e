package dev.flotilla.supervisor.opamp;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.opamp.proto.ServerToAgentFlags;
import dev.flotilla.supervisor.process.Backoff;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpAMP client. All protocol state lives on one loop thread: setters and received messages are
 * queued onto it, so there is at most one message in flight and no growing queue of status (only
 * the latest value of each part is kept). Sends a message when a part changed, and otherwise a
 * heartbeat (HTTP: a poll) at the heartbeat interval; reconnects with exponential backoff and
 * jitter, honouring {@code Retry-After} and {@code retry_info}.
 */
public final class OpampClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpampClient.class);
  private static final int MAX_OUTBOX = 16;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("opamp-client").daemon().unstarted(r));
  private final HttpClient http;
  private final InstanceUidStore uidStore;
  private final long capabilities;
  private final OpampListener listener;
  private final Clock clock;
  private final Backoff backoff;
  private final StatusReport report = new StatusReport();
  private final ArrayDeque<CustomMessage> outbox = new ArrayDeque<>();
  private final ConnectionSettingsOffer offers;
  private ConnectionSettings settings;
  private Transport transport;
  private volatile InstanceUid uid;
  private volatile boolean connected;
  private boolean closed;
  private long sequence;
  private ByteString lastRemoteConfigHash = ByteString.EMPTY;
  private ScheduledFuture<?> next;

  public OpampClient(
      ConnectionSettings settings,
      InstanceUidStore uidStore,
      long capabilities,
      OpampListener listener,
      HttpClient http,
      Clock clock,
      Backoff backoff) {
    this.settings = settings;
    this.uidStore = uidStore;
    this.capabilities = capabilities;
    this.listener = listener;
    this.http = http;
    this.clock = clock;
    this.backoff = backoff;
    this.uid = uidStore.loadOrCreate();
    this.offers = new ConnectionSettingsOffer(this);
  }

  public InstanceUid instanceUid() {
    return uid;
  }

  public boolean connected() {
    return connected;
  }

  public void start() {
    loop.execute(this::connect);
  }

  /** Sets one part of the status; it is sent if it differs from what the server has. */
  public void set(StatusPart part, Message value) {
    loop.execute(
        () -> {
          report.set(part, value);
          flush(false);
        });
  }

  public void sendCustomMessage(CustomMessage message) {
    loop.execute(
        () -> {
          if (outbox.size() >= MAX_OUTBOX) {
            LOG.warn("dropping custom message {}: outbox full", message.getType());
            return;
          }
          outbox.add(message);
          flush(false);
        });
  }

  Transport newTransport(ConnectionSettings s) {
    return s.webSocket()
        ? new WebSocketTransport(http, s.endpoint(), s.headers(), clock)
        : new HttpTransport(http, s.endpoint(), s.headers(), s.gzip(), clock);
  }

  ConnectionSettings settings() {
    return settings;
  }

  private void connect() {
    if (closed) {
      return;
    }
    Transport t = newTransport(settings);
    try {
      t.open(this::receive, this::dropped);
    } catch (TransportException e) {
      LOG.info("cannot reach OpAMP server {}: {}", settings.endpoint(), e.getMessage());
      retryLater(e.retryAfter());
      return;
    }
    transport = t;
    connected = true;
    report.resend();
    if (flush(true)) {
      backoff.reset();
      listener.onConnected();
    }
  }

  /** Sends pending changes (or a heartbeat when {@code heartbeat}); true if the send worked. */
  private boolean flush(boolean heartbeat) {
    if (!connected || closed) {
      return false;
    }
    var message = newMessage();
    boolean changed = report.addChanges(message);
    CustomMessage custom = outbox.peek();
    if (custom != null) {
      message.setCustomMessage(custom);
    }
    if (!changed && custom == null && !heartbeat) {
      return true;
    }
    try {
      transport.send(message.build());
      report.delivered();
      if (custom != null) {
        outbox.poll();
      }
    } catch (TransportException e) {
      if (e.permanent()) {
        LOG.error("server refused a message for good, not retrying it: {}", e.getMessage());
        report.delivered();
        outbox.remove(custom);
      } else {
        LOG.info("lost OpAMP connection to {}: {}", settings.endpoint(), e.getMessage());
        disconnect();
        retryLater(e.retryAfter());
        return false;
      }
    }
    scheduleHeartbeat();
    if (!outbox.isEmpty()) {
      loop.execute(() -> flush(false));
    }
    return true;
  }

  AgentToServer.Builder newMessage() {
    return AgentToServer.newBuilder()
        .setInstanceUid(uid.toByteString())
        .setSequenceNum(++sequence)
        .setCapabilities(capabilities);
  }

  private void scheduleHeartbeat() {
    cancelNext();
    Duration interval = settings.heartbeat();
    if (!interval.isZero()) {
      next = loop.schedule(() -> flush(true), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void retryLater(Optional<Duration> retryAfter) {
    cancelNext();
    Duration delay = backoff.next();
    if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
      delay = retryAfter.get();
    }
    LOG.debug("reconnecting in {} ms", delay.toMillis());
    next = loop.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void cancelNext() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  private void disconnect() {
    connected = false;
    if (transport != null) {
      transport.close();
      transport = null;
    }
  }

  private void receive(ServerToAgent message) {
    loop.execute(() -> handle(message));
  }

  private void dropped(Throwable cause) {
    loop.execute(
        () -> {
          if (connected && !closed) {
            LOG.info("OpAMP connection dropped: {}", cause.getMessage());
            disconnect();
            retryLater(Optional.empty());
          }
        });
  }

  private void handle(ServerToAgent message) {
    if (message.hasErrorResponse()) {
      var error = message.getErrorResponse();
      LOG.warn("server error {}: {}", error.getType(), error.getErrorMessage());
      if (error.getType() == ServerErrorResponseType.ServerErrorResponseType_Unavailable) {
        disconnect();
        long nanos = error.hasRetryInfo() ? error.getRetryInfo().getRetryAfterNanoseconds() : 0;
        retryLater(nanos > 0 ? Optional.of(Duration.ofNanos(nanos)) : Optional.empty());
      }
      return;
    }
    if (message.hasAgentIdentification()
        && !message.getAgentIdentification().getNewInstanceUid().isEmpty()) {
      uid = InstanceUid.fromBytes(message.getAgentIdentification().getNewInstanceUid());
      uidStore.save(uid);
      LOG.info("server assigned a new instance uid {}", uid);
      report.resend();
    }
    if ((message.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportFullState_VALUE) != 0) {
      report.resend();
    }
    if ((message.getFlags() & ServerToAgentFlags.ServerToAgentFlags_ReportAvailableComponents_VALUE)
        != 0) {
      listener.onReportAvailableComponents();
    }
    if (message.hasRemoteConfig()) {
      ByteString hash = message.getRemoteConfig().getConfigHash();
      if (!hash.equals(lastRemoteConfigHash)) {
        lastRemoteConfigHash = hash;
        listener.onRemoteConfig(message.getRemoteConfig());
      }
    }
    if (message.hasConnectionSettings() && message.getConnectionSettings().hasOpamp()) {
      offers.offer(message.getConnectionSettings());
    }
    if (message.hasCommand()) {
      listener.onCommand(message.getCommand());
    }
    if (message.hasCustomMessage()) {
      listener.onCustomMessage(message.getCustomMessage());
    }
    flush(false);
  }

  /** Makes {@code candidate} current after it worked; called on the loop thread. */
  void switchTo(ConnectionSettings candidate, Transport opened) {
    sendDisconnect();
    disconnect();
    settings = candidate;
    transport = opened;
    connected = true;
    report.resend();
    listener.onConnectionSettingsAccepted(candidate);
    scheduleHeartbeat();
  }

  void applyHeartbeat(Duration interval) {
    settings = settings.withHeartbeat(interval);
    scheduleHeartbeat();
  }

  void setStatus(StatusPart part, Message value) {
    report.set(part, value);
  }

  void receiveFrom(ServerToAgent message) {
    receive(message);
  }

  void droppedFrom(Transport t, Throwable cause) {
    loop.execute(
        () -> {
          if (t == transport) {
            dropped(cause);
          }
        });
  }

  private void sendDisconnect() {
    if (connected && transport != null) {
      try {
        transport.send(
            newMessage().setAgentDisconnect(AgentDisconnect.getDefaultInstance()).build());
      } catch (TransportException e) {
        LOG.debug("agent_disconnect not delivered: {}", e.getMessage());
      }
    }
  }

  /** Sends {@code agent_disconnect} and closes the connection. */
  @Override
  public void close() {
    try {
      loop.submit(
              () -> {
                closed = true;
                cancelNext();
                sendDisconnect();
                disconnect();
              })
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.debug("closing OpAMP client: {}", e.toString());
    }
    loop.shutdownNow();
  }
}

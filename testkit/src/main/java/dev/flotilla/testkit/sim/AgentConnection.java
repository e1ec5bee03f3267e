package dev.flotilla.testkit.sim;

import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps one agent talking to its server: connects, sends whatever {@link AgentState} has to say
 * (coalescing changes that arrive while a message is on the wire), sends heartbeats, measures
 * request-to-reply latency, and reconnects with backoff after a failure. Replies go to the agent's
 * protocol logic through {@code receiver}.
 */
final class AgentConnection {
  private final SimulatedAgent agent;
  private final AgentSettings settings;
  private final SimEnvironment env;
  private final AgentState state;
  private final Consumer<ServerToAgent> receiver;
  private final AgentTransport transport;
  private final Outstanding outstanding = new Outstanding();
  private final Backoff backoff = new Backoff();
  private final Heartbeat heartbeat;
  private final CompletableFuture<Void> firstReply = new CompletableFuture<>();

  // guarded by this
  private boolean sending;
  private boolean sendAgain;
  private Runnable afterNextSend;
  private boolean awaitingFirstReply;
  private boolean reconnectScheduled;
  private CompletableFuture<Void> disconnected;

  private volatile boolean connected; // the transport is up; messages may be sent
  private volatile boolean answered; // ... and the server answered on it
  private volatile boolean closed;
  private volatile long lastSentNanos;

  AgentConnection(
      SimulatedAgent agent,
      AgentSettings settings,
      SimEnvironment env,
      AgentState state,
      Consumer<ServerToAgent> receiver) {
    this.agent = agent;
    this.settings = settings;
    this.env = env;
    this.state = state;
    this.receiver = receiver;
    this.heartbeat =
        new Heartbeat(
            env.scheduler(),
            settings.heartbeatInterval().toNanos(),
            () -> lastSentNanos,
            this::requestSend);
    AgentTransport.Sink sink =
        new AgentTransport.Sink() {
          @Override
          public void onMessage(ServerToAgent message) {
            received(message);
          }

          @Override
          public void onDropped(String reason, Throwable error) {
            failed(reason, error != null ? error : new IOException(reason));
          }
        };
    this.transport =
        settings.webSocket()
            ? new WebSocketTransport(
                env.httpClient(), settings.endpoint(), settings.headers(), sink)
            : new HttpPollingTransport(
                env.httpClient(), settings.endpoint(), settings.headers(), sink, env.clock());
  }

  CompletableFuture<Void> start() {
    connect();
    return firstReply;
  }

  /** The transport is up and the server has answered on it. */
  boolean connected() {
    return connected && answered;
  }

  String transportName() {
    return transport.name();
  }

  long heartbeatIntervalNanos() {
    return heartbeat.intervalNanos();
  }

  void heartbeatIntervalNanos(long nanos) {
    heartbeat.interval(nanos);
  }

  /** Runs {@code action} once the next message has been sent (over HTTP: answered). */
  synchronized void afterNextSend(Runnable action) {
    afterNextSend = action;
  }

  /** The server is overloaded: drop the connection and come back after {@code retryNanos}. */
  void serverUnavailable(long retryNanos) {
    if (retryNanos >= 0) {
      backoff.serverAsked(retryNanos);
    }
    transport.close();
    failed("talking to " + settings.endpoint(), new IOException("server unavailable"));
  }

  private void connect() {
    synchronized (this) {
      reconnectScheduled = false;
      if (closed) {
        return;
      }
    }
    transport
        .open()
        .whenComplete(
            (v, error) -> {
              if (error != null) {
                failed("connecting to " + settings.endpoint(), error);
                return;
              }
              synchronized (this) {
                awaitingFirstReply = true;
                sending = false;
                sendAgain = false;
                outstanding.clear();
              }
              answered = false;
              connected = true;
              state.reportFullState();
              if (closed) {
                transport.close();
                return;
              }
              requestSend();
            });
  }

  /** Sends what changed now, or right after the message that is on the wire. */
  void requestSend() {
    synchronized (this) {
      if (!connected || closed) {
        return;
      }
      if (sending) {
        sendAgain = true;
        return;
      }
      sending = true;
    }
    sendNext();
  }

  private void sendNext() {
    AgentToServer message = state.next(false);
    long now = System.nanoTime();
    Runnable after;
    synchronized (this) {
      after = afterNextSend;
      afterNextSend = null;
      outstanding.push(now);
    }
    lastSentNanos = now;
    transport.send(message).whenComplete((v, error) -> sent(after, error));
  }

  private void sent(Runnable after, Throwable error) {
    if (error != null) {
      synchronized (this) {
        if (after != null && afterNextSend == null) {
          afterNextSend = after; // the message it followed was lost; run it after the resend
        }
      }
      failed("sending AgentToServer to " + settings.endpoint(), error);
      return;
    }
    if (after != null) {
      after.run();
    }
    boolean again;
    synchronized (this) {
      again = sendAgain && connected && !closed;
      sendAgain = false;
      sending = again;
    }
    if (again) {
      sendNext();
    }
    heartbeat.arm();
  }

  private void received(ServerToAgent message) {
    long latency = outstanding.pop(System.nanoTime());
    boolean first;
    synchronized (this) {
      first = awaitingFirstReply && !message.hasErrorResponse();
      awaitingFirstReply &= !first;
    }
    settings.listener().onMessage(agent, message, latency);
    if (!message.hasErrorResponse()) {
      backoff.succeeded();
    }
    if (first) {
      answered = true;
      settings.listener().onConnected(agent);
      firstReply.complete(null);
    }
    receiver.accept(message);
  }

  private void failed(String attempt, Throwable error) {
    Throwable cause = unwrap(error);
    boolean wasConnected = connected;
    connected = false;
    answered = false;
    long delay;
    synchronized (this) {
      sending = false;
      sendAgain = false;
      if (closed || reconnectScheduled) {
        return;
      }
      reconnectScheduled = true;
      if (cause instanceof HttpPollingTransport.HttpStatusException status
          && status.retryAfter() != null) {
        backoff.serverAsked(status.retryAfter().toNanos());
      }
      delay = backoff.nextDelay();
    }
    state.reportFullState(); // what was on the wire may be lost
    settings.listener().onError(agent, attempt, cause);
    if (wasConnected) {
      settings.listener().onDisconnected(agent, attempt + ": " + cause);
    }
    env.scheduler().schedule(this::connect, delay, TimeUnit.NANOSECONDS);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Sends {@code agent_disconnect}, then closes. Idempotent; the future never fails. */
  synchronized CompletableFuture<Void> disconnect() {
    if (disconnected != null) {
      return disconnected;
    }
    closed = true;
    heartbeat.stop();
    CompletableFuture<Void> farewell =
        connected
            ? transport.send(state.next(true)).handle((v, e) -> null)
            : CompletableFuture.completedFuture(null);
    connected = false;
    disconnected = farewell.thenCompose(v -> transport.close());
    return disconnected;
  }

  boolean closed() {
    return closed;
  }
}

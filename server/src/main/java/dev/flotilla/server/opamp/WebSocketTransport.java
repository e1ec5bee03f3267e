package dev.flotilla.server.opamp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.WebSocketFrames;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.RetryInfo;
import dev.flotilla.opamp.proto.ServerErrorResponse;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.agents.AgentLink;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.metrics.ServerMetrics;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpAMP over WebSocket: binary frames with the varint header, full duplex. Authentication and
 * connection limits are decided on the upgrade request; the message size limit is enforced by Jetty
 * (close 1009) after permessage-deflate.
 */
public final class WebSocketTransport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

  /** Close code for "try again later" (RFC 6455 registry). */
  private static final int TRY_AGAIN_LATER = 1013;

  private static final int POLICY_VIOLATION = 1008;

  private final OpampProcessor processor;
  private final Authenticator auth;
  private final Throttle throttle;
  private final ServerMetrics metrics;
  private final long maxMessageBytes;
  private final ConcurrentHashMap<String, WsLink> links = new ConcurrentHashMap<>();

  public WebSocketTransport(
      OpampProcessor processor,
      Authenticator auth,
      Throttle throttle,
      ServerMetrics metrics,
      long maxMessageBytes) {
    this.processor = processor;
    this.auth = auth;
    this.throttle = throttle;
    this.metrics = metrics;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Runs before the upgrade: 401 or 503 here means no WebSocket is opened. */
  public void beforeUpgrade(Context ctx) {
    if (!auth.agentAllowed(ctx.header("Authorization"))) {
      metrics.error("unauthorized");
      ctx.header("WWW-Authenticate", "Bearer");
      throw new io.javalin.http.UnauthorizedResponse("missing or wrong agent token");
    }
    if (!throttle.trySource(ctx.req().getRemoteAddr())) {
      metrics.error("throttled");
      ctx.header("Retry-After", Long.toString(throttle.retryAfter().toSeconds()));
      throw new io.javalin.http.TooManyRequestsResponse("too many requests, retry later");
    }
    if (throttle.full()) {
      metrics.error("overloaded");
      ctx.header("Retry-After", Long.toString(throttle.retryAfter().toSeconds()));
      throw new io.javalin.http.ServiceUnavailableResponse("server is overloaded, retry later");
    }
  }

  public void configure(WsConfig ws) {
    ws.onConnect(
        ctx -> {
          if (!throttle.openConnection()) {
            metrics.error("overloaded");
            ctx.closeSession(TRY_AGAIN_LATER, "server is overloaded");
            return;
          }
          links.put(ctx.sessionId(), new WsLink(ctx.session, maxMessageBytes, metrics));
        });
    ws.onBinaryMessage(ctx -> onMessage(ctx.sessionId(), ctx.data()));
    ws.onMessage(
        ctx -> {
          WsLink link = links.get(ctx.sessionId());
          if (link != null) {
            metrics.error("bad_request");
            link.push(OpampProcessor.badRequest(ByteString.EMPTY, "OpAMP needs binary frames"));
          }
        });
    ws.onClose(ctx -> closed(ctx.sessionId(), "connection closed (" + ctx.status() + ")"));
    ws.onError(
        ctx -> {
          log.debug("WebSocket error on {}", ctx.sessionId(), ctx.error());
          closed(ctx.sessionId(), "connection failed");
        });
  }

  private void onMessage(String sessionId, ByteBuffer data) {
    WsLink link = links.get(sessionId);
    if (link == null) {
      return;
    }
    AgentToServer message;
    try {
      message = WebSocketFrames.decode(data, AgentToServer.parser());
    } catch (InvalidProtocolBufferException e) {
      metrics.error("bad_request");
      link.push(
          OpampProcessor.badRequest(ByteString.EMPTY, "malformed message: " + e.getMessage()));
      return;
    }
    // A session's first message is a new agent's and is refused first when the budget is short.
    if (!throttle.trySource(link.sourceAddress())
        || !throttle.tryAgent(
            HexFormat.of().formatHex(message.getInstanceUid().toByteArray()), link.established())) {
      metrics.error("throttled");
      link.push(unavailable());
      return;
    }
    metrics.message(Connection.WEBSOCKET);
    if (processor.isBlocked(message)) {
      metrics.error("blocked");
      link.push(OpampProcessor.blocked(message.getInstanceUid()));
      link.close(POLICY_VIOLATION, "agent is blocked");
      return;
    }
    List<ServerToAgent> out = processor.process(message, link);
    ServerToAgent reply = out.getFirst();
    if (reply.hasErrorResponse()) {
      metrics.error("bad_request");
    } else {
      link.serve(InstanceUid.fromBytes(message.getInstanceUid()));
      if (reply.hasAgentIdentification()) {
        link.serve(InstanceUid.fromBytes(reply.getAgentIdentification().getNewInstanceUid()));
      }
    }
    out.forEach(link::push);
  }

  private void closed(String sessionId, String why) {
    WsLink link = links.remove(sessionId);
    if (link == null) {
      return;
    }
    throttle.closeConnection();
    // Every uid this socket carried whose current link is still this one is now disconnected;
    // uids that moved to another link (or said AgentDisconnect) are left as they are.
    for (InstanceUid uid : link.served()) {
      processor.linkClosed(uid, link, why);
    }
  }

  public int openLinks() {
    return links.size();
  }

  private ServerToAgent unavailable() {
    return ServerToAgent.newBuilder()
        .setErrorResponse(
            ServerErrorResponse.newBuilder()
                .setType(ServerErrorResponseType.ServerErrorResponseType_Unavailable)
                .setErrorMessage("server is overloaded, retry later")
                .setRetryInfo(
                    RetryInfo.newBuilder()
                        .setRetryAfterNanoseconds(throttle.retryAfter().toNanos())))
        .build();
  }

  /** One WebSocket session; sends are serialised so replies and pushes keep their order. */
  static final class WsLink implements AgentLink {
    private final Session session;
    private final String remote;
    private final String source;
    private final long maxMessageBytes;
    private final ServerMetrics metrics;
    private final Set<InstanceUid> served = ConcurrentHashMap.newKeySet();

    WsLink(Session session, long maxMessageBytes, ServerMetrics metrics) {
      this.session = session;
      this.remote = String.valueOf(session.getRemoteSocketAddress()).replaceFirst("^/", "");
      this.source =
          session.getRemoteSocketAddress() instanceof java.net.InetSocketAddress a
                  && a.getAddress() != null
              ? a.getAddress().getHostAddress()
              : remote;
      this.maxMessageBytes = maxMessageBytes;
      this.metrics = metrics;
    }

    /** Remembers a uid this socket spoke for, so closing it can mark each one disconnected. */
    void serve(InstanceUid uid) {
      served.add(uid);
    }

    Set<InstanceUid> served() {
      return Set.copyOf(served);
    }

    /** Whether a message on this socket was already answered. */
    boolean established() {
      return !served.isEmpty();
    }

    /** The peer's address without the port, the key of its per-source rate limit. */
    String sourceAddress() {
      return source;
    }

    @Override
    public String transport() {
      return Connection.WEBSOCKET;
    }

    @Override
    public String remoteAddress() {
      return remote;
    }

    @Override
    public boolean isOpen() {
      return session.isOpen();
    }

    @Override
    public synchronized boolean push(ServerToAgent message) {
      if (!session.isOpen()) {
        return false;
      }
      byte[] frame = WebSocketFrames.encode(message);
      if (frame.length > maxMessageBytes) {
        metrics.droppedOversizeReply();
        log.warn("dropped a {}-byte message to {}: over the size limit", frame.length, remote);
        return false;
      }
      session.sendBinary(ByteBuffer.wrap(frame), Callback.NOOP);
      return true;
    }

    @Override
    public void close(int code, String reason) {
      session.close(code, reason, Callback.NOOP);
    }
  }
}

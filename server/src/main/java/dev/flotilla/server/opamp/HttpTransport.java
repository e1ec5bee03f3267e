package dev.flotilla.server.opamp;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerErrorResponse;
import dev.flotilla.opamp.proto.ServerErrorResponseType;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.agents.AgentLink;
import dev.flotilla.server.agents.Connection;
import dev.flotilla.server.auth.Authenticator;
import dev.flotilla.server.metrics.ServerMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jetty.server.AbstractConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpAMP over plain HTTP: one POSTed AgentToServer, one ServerToAgent in the 200 response. Bodies
 * are {@code application/x-protobuf} exactly, optionally gzip in both directions.
 */
public final class HttpTransport implements Handler {
  static final String PROTOBUF = "application/x-protobuf";

  /** The longest a request waits for a worker before it is answered 503. */
  private static final Duration MAX_QUEUE_WAIT = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

  private final OpampProcessor processor;
  private final Authenticator auth;
  private final Throttle throttle;
  private final ServerMetrics metrics;
  private final long maxMessageBytes;
  private final Duration readTimeout;
  private final WorkQueue work;

  /**
   * @param readTimeout the longest a request body may take to arrive
   * @param maxQueued requests that may wait for a worker before the answer is 503
   */
  public HttpTransport(
      OpampProcessor processor,
      Authenticator auth,
      Throttle throttle,
      ServerMetrics metrics,
      long maxMessageBytes,
      Duration readTimeout,
      int maxQueued) {
    this.processor = processor;
    this.auth = auth;
    this.throttle = throttle;
    this.metrics = metrics;
    this.maxMessageBytes = maxMessageBytes;
    this.readTimeout = readTimeout;
    this.work =
        new WorkQueue(
            Math.max(8, 8 * Runtime.getRuntime().availableProcessors()), maxQueued, MAX_QUEUE_WAIT);
  }

  /**
   * Jetty settings for the OpAMP listener: a connection that sends nothing (headers included) for
   * {@code readTimeout} is closed. WebSocket sessions keep their own, longer idle timeout.
   */
  public static void configureJetty(JavalinConfig cfg, Duration readTimeout) {
    cfg.jetty.modifyHttpConfiguration(h -> h.setIdleTimeout(readTimeout.toMillis()));
    cfg.jetty.modifyServer(
        server -> {
          for (var connector : server.getConnectors()) {
            if (connector instanceof AbstractConnector c) {
              c.setIdleTimeout(readTimeout.toMillis());
            }
          }
        });
  }

  @Override
  public void handle(Context ctx) {
    if (!auth.agentAllowed(ctx.header("Authorization"))) {
      metrics.error("unauthorized");
      ctx.status(401).header("WWW-Authenticate", "Bearer").result("missing or wrong agent token");
      return;
    }
    if (!PROTOBUF.equals(ctx.header("Content-Type"))) {
      metrics.error("bad_request");
      ctx.status(400)
          .header("Sec-WebSocket-Version", "13")
          .result("POST needs Content-Type: application/x-protobuf (or upgrade to WebSocket)");
      return;
    }
    if (!throttle.trySource(ctx.req().getRemoteAddr())) {
      refuse(ctx, 429, "throttled");
      return;
    }
    if (!throttle.openConnection()) {
      refuse(ctx, 503, "overloaded");
      return;
    }
    try {
      exchange(ctx);
    } finally {
      throttle.closeConnection();
    }
  }

  private void exchange(Context ctx) {
    byte[] body;
    ReadDeadline deadline = ReadDeadline.start(readTimeout);
    try (deadline) {
      body = LimitedBody.read(ctx.req().getInputStream(), isGzip(ctx), maxMessageBytes);
    } catch (LimitedBody.TooLarge e) {
      metrics.error("too_large");
      ctx.status(413).result(e.getMessage());
      return;
    } catch (LimitedBody.BadEncoding e) {
      badRequest(ctx, ByteString.EMPTY, e.getMessage());
      return;
    } catch (IOException e) {
      if (deadline.expired()) {
        readTimedOut(ctx);
        return;
      }
      log.debug("reading an OpAMP request from {} failed", ctx.ip(), e);
      ctx.status(400).result("could not read the request body: " + e.getMessage());
      return;
    }
    AgentToServer message;
    try {
      message = AgentToServer.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      badRequest(ctx, ByteString.EMPTY, "malformed AgentToServer: " + e.getMessage());
      return;
    }
    if (!throttle.tryAgent(
        HexFormat.of().formatHex(message.getInstanceUid().toByteArray()), false)) {
      refuse(ctx, 429, "throttled");
      return;
    }
    if (!work.enter()) {
      refuse(ctx, 503, "overloaded");
      return;
    }
    try {
      answer(ctx, message);
    } finally {
      work.leave();
    }
  }

  private void answer(Context ctx, AgentToServer message) {
    metrics.message(Connection.HTTP);
    if (processor.isBlocked(message)) {
      metrics.error("blocked");
      send(ctx, 403, OpampProcessor.blocked(message.getInstanceUid()).toByteArray());
      return;
    }
    List<ServerToAgent> out = processor.process(message, new HttpLink(remote(ctx)));
    ServerToAgent reply = out.getFirst();
    // a message the protocol refuses (a bad uid) is a bad request at the HTTP level too
    boolean refused =
        reply.hasErrorResponse()
            && reply.getErrorResponse().getType()
                == ServerErrorResponseType.ServerErrorResponseType_BadRequest;
    if (refused) {
      metrics.error("bad_request");
    }
    byte[] bytes = reply.toByteArray();
    if (bytes.length > maxMessageBytes) {
      metrics.droppedOversizeReply();
      log.warn(
          "dropped a {}-byte reply to {}: over the message size limit", bytes.length, ctx.ip());
      bytes =
          ServerToAgent.newBuilder()
              .setInstanceUid(message.getInstanceUid())
              .setErrorResponse(
                  ServerErrorResponse.newBuilder()
                      .setType(ServerErrorResponseType.ServerErrorResponseType_Unknown)
                      .setErrorMessage("reply exceeded the message size limit"))
              .build()
              .toByteArray();
    }
    send(ctx, refused ? 400 : 200, bytes);
  }

  /**
   * Answers 408 at once and closes: the rest of the body is not waited for, so the connection and
   * its slot are let go now.
   */
  private void readTimedOut(Context ctx) {
    metrics.error("read_timeout");
    try {
      var res = ctx.res();
      res.setStatus(408);
      res.setHeader("Connection", "close");
      res.setContentType("text/plain");
      res.getOutputStream()
          .write(
              ("the request body did not arrive within " + readTimeout.toMillis() + " ms")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      res.flushBuffer();
    } catch (IOException e) {
      log.debug("answering a timed-out request from {} failed", ctx.ip(), e);
    }
  }

  private void badRequest(Context ctx, ByteString uid, String why) {
    metrics.error("bad_request");
    send(ctx, 400, OpampProcessor.badRequest(uid, why).toByteArray());
  }

  private void refuse(Context ctx, int status, String kind) {
    metrics.error(kind);
    ctx.status(status)
        .header("Retry-After", Long.toString(throttle.retryAfter().toSeconds()))
        .result("server is " + kind + ", retry later");
  }

  private static void send(Context ctx, int status, byte[] bytes) {
    ctx.status(status);
    String accept = ctx.header("Accept-Encoding");
    if (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
      bytes = LimitedBody.gzip(bytes);
      ctx.header("Content-Encoding", "gzip");
    }
    ctx.header("Content-Type", PROTOBUF);
    ctx.result(bytes);
  }

  private static boolean isGzip(Context ctx) {
    String enc = ctx.header("Content-Encoding");
    return enc != null && enc.trim().equalsIgnoreCase("gzip");
  }

  private static String remote(Context ctx) {
    return ctx.req().getRemoteAddr() + ":" + ctx.req().getRemotePort();
  }

  /** An HTTP request as a link: it cannot push; replies travel in the response. */
  private record HttpLink(String remoteAddress) implements AgentLink {
    @Override
    public String transport() {
      return Connection.HTTP;
    }

    @Override
    public boolean isOpen() {
      return false;
    }

    @Override
    public boolean push(ServerToAgent message) {
      return false;
    }

    @Override
    public void close(int code, String reason) {}
  }
}

package dev.flotilla.supervisor.testing;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.flotilla.opamp.ConfigHash;
import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDescription;
import dev.flotilla.opamp.proto.AgentRemoteConfig;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A minimal OpAMP server over plain HTTP for supervisor tests: remembers the latest value of each
 * status part (absence means unchanged), and answers with whatever the test queued.
 */
public final class FakeOpampServer implements AutoCloseable {

  private final HttpServer server;
  private final List<AgentToServer> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<ServerToAgent> pending = new ConcurrentLinkedQueue<>();
  private volatile AgentDescription description;
  private volatile ComponentHealth health;
  private volatile EffectiveConfig effectiveConfig;
  private volatile RemoteConfigStatus remoteConfigStatus;
  private volatile AgentRemoteConfig offered;
  private volatile boolean disconnected;
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<String[]> failures = new ConcurrentLinkedQueue<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public FakeOpampServer(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
    server.createContext("/v1/opamp", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/opamp");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      arrivals.add(System.nanoTime());
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String[] failure = failures.poll();
      if (failure != null) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Retry-After", failure[1]);
        exchange.sendResponseHeaders(Integer.parseInt(failure[0]), -1);
        return;
      }
      InputStream in = exchange.getRequestBody();
      if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        in = new GZIPInputStream(in);
      }
      AgentToServer message = AgentToServer.parseFrom(in.readAllBytes());
      received.add(message);
      if (message.hasAgentDescription()) {
        description = message.getAgentDescription();
      }
      if (message.hasHealth()) {
        health = message.getHealth();
      }
      if (message.hasEffectiveConfig()) {
        effectiveConfig = message.getEffectiveConfig();
      }
      if (message.hasRemoteConfigStatus()) {
        remoteConfigStatus = message.getRemoteConfigStatus();
      }
      disconnected = message.hasAgentDisconnect();
      var reply =
          ServerToAgent.newBuilder().setInstanceUid(message.getInstanceUid()).setCapabilities(0x7);
      AgentRemoteConfig offer = offered;
      if (offer != null
          && (remoteConfigStatus == null
              || !offer.getConfigHash().equals(remoteConfigStatus.getLastRemoteConfigHash()))) {
        reply.setRemoteConfig(offer);
      }
      ServerToAgent queued;
      while ((queued = pending.poll()) != null) {
        reply.mergeFrom(queued);
      }
      byte[] body = reply.build().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    }
  }

  /** Offers a single-file config under {@code key}, until the agent reports its hash. */
  public ByteString offer(String key, String body) {
    AgentConfigMap map =
        AgentConfigMap.newBuilder()
            .putConfigMap(
                key,
                AgentConfigFile.newBuilder()
                    .setBody(ByteString.copyFromUtf8(body))
                    .setContentType("text/yaml")
                    .build())
            .build();
    ByteString hash = ConfigHash.of(map);
    offered = AgentRemoteConfig.newBuilder().setConfig(map).setConfigHash(hash).build();
    return hash;
  }

  /** The next request gets {@code status} with a {@code Retry-After} header. */
  public void failNext(int status, String retryAfter) {
    failures.add(new String[] {String.valueOf(status), retryAfter});
  }

  /** {@link System#nanoTime()} of each request, in order. */
  public List<Long> arrivals() {
    return arrivals;
  }

  public List<String> authorizations() {
    return authorizations;
  }

  public void push(ServerToAgent partial) {
    pending.add(partial);
  }

  public List<AgentToServer> received() {
    return received;
  }

  public InstanceUid lastUid() {
    return received.isEmpty() ? null : InstanceUid.fromBytes(received.getLast().getInstanceUid());
  }

  public AgentDescription description() {
    return description;
  }

  public ComponentHealth health() {
    return health;
  }

  public Map<String, String> effectiveFiles() {
    if (effectiveConfig == null) {
      return Map.of();
    }
    var out = new java.util.TreeMap<String, String>();
    effectiveConfig
        .getConfigMap()
        .getConfigMapMap()
        .forEach((k, v) -> out.put(k, v.getBody().toStringUtf8()));
    return out;
  }

  public RemoteConfigStatus remoteConfigStatus() {
    return remoteConfigStatus;
  }

  public boolean disconnected() {
    return disconnected;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

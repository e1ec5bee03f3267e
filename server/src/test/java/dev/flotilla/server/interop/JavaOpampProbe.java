package dev.flotilla.server.interop;

import dev.flotilla.opamp.InstanceUid;
import io.opentelemetry.opamp.client.OpampClient;
import io.opentelemetry.opamp.client.internal.connectivity.http.OkHttpSender;
import io.opentelemetry.opamp.client.internal.connectivity.websocket.OkHttpWebSocket;
import io.opentelemetry.opamp.client.internal.request.delay.PeriodicDelay;
import io.opentelemetry.opamp.client.internal.request.service.HttpRequestService;
import io.opentelemetry.opamp.client.internal.request.service.WebSocketRequestService;
import io.opentelemetry.opamp.client.internal.response.MessageData;
import io.opentelemetry.opamp.client.internal.state.State;
import io.opentelemetry.opamp.client.request.service.RequestService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import opamp.proto.AgentConfigMap;
import opamp.proto.AgentRemoteConfig;
import opamp.proto.EffectiveConfig;
import opamp.proto.RemoteConfigStatus;
import opamp.proto.RemoteConfigStatuses;
import opamp.proto.ServerErrorResponse;

/**
 * The OpenTelemetry Java OpAMP client as an interop peer: HTTP or WebSocket by the URL's scheme,
 * one identifying attribute, remote config and effective config reporting on. Every remote config
 * is acknowledged APPLIED with its hash and becomes the effective config. Everything the client
 * reports back through its callbacks is recorded for assertions.
 *
 * <p>The client's bundled message classes live in Java package {@code opamp.proto} (Wire); they
 * stay inside this helper.
 */
final class JavaOpampProbe implements AutoCloseable {
  static final String SERVICE_NAME = "java-opamp-probe";

  final InstanceUid instanceUid;
  final AtomicInteger connects = new AtomicInteger();
  final List<Throwable> connectFailures = new CopyOnWriteArrayList<>();
  final List<ServerErrorResponse> errorResponses = new CopyOnWriteArrayList<>();

  /** Hex {@code config_hash} of every remote config received, in order. */
  final List<String> remoteConfigHashes = new CopyOnWriteArrayList<>();

  /** The body of each file of the last remote config received, by file name. */
  final AtomicReference<Map<String, String>> lastRemoteConfigFiles =
      new AtomicReference<>(Map.of());

  private final OpampClient client;
  private final ProbeEffectiveConfig effectiveConfig = new ProbeEffectiveConfig();

  private JavaOpampProbe(
      URI endpoint, InstanceUid instanceUid, Duration pollInterval, String bearerToken) {
    this.instanceUid = instanceUid;
    OkHttpClient http = okHttp(bearerToken);
    String url = endpoint.toString();
    RequestService requestService =
        endpoint.getScheme().startsWith("ws")
            ? WebSocketRequestService.create(OkHttpWebSocket.create(url, http))
            : HttpRequestService.create(
                OkHttpSender.create(url, http),
                PeriodicDelay.ofFixedDuration(pollInterval),
                PeriodicDelay.ofFixedDuration(pollInterval));
    this.client =
        OpampClient.builder()
            .setRequestService(requestService)
            .setInstanceUid(instanceUid.toBytes())
            .putIdentifyingAttribute("service.name", SERVICE_NAME)
            .putIdentifyingAttribute("service.version", "1.53.0-alpha")
            .putNonIdentifyingAttribute("os.type", "linux")
            .enableRemoteConfig()
            .enableEffectiveConfigReporting()
            .setEffectiveConfigState(effectiveConfig)
            .build(new Callbacks());
  }

  /**
   * Connects to {@code endpoint} ({@code http(s)://…} or {@code ws(s)://…}); HTTP polls every
   * {@code pollInterval}. {@code bearerToken} may be null.
   */
  static JavaOpampProbe connect(URI endpoint, Duration pollInterval, String bearerToken) {
    return new JavaOpampProbe(
        endpoint, InstanceUid.newV7(Clock.systemUTC()), pollInterval, bearerToken);
  }

  private static OkHttpClient okHttp(String bearerToken) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    if (bearerToken != null) {
      builder.addInterceptor(
          chain ->
              chain.proceed(
                  chain
                      .request()
                      .newBuilder()
                      .header("Authorization", "Bearer " + bearerToken)
                      .build()));
    }
    return builder.build();
  }

  @Override
  public void close() throws Exception {
    client.close();
  }

  private final class Callbacks implements OpampClient.Callbacks {
    @Override
    public void onConnect(OpampClient c) {
      connects.incrementAndGet();
    }

    @Override
    public void onConnectFailed(OpampClient c, Throwable error) {
      connectFailures.add(error);
    }

    @Override
    public void onErrorResponse(OpampClient c, ServerErrorResponse error) {
      errorResponses.add(error);
    }

    @Override
    public void onMessage(OpampClient c, MessageData data) {
      AgentRemoteConfig remote = data.getRemoteConfig();
      if (remote == null) {
        return;
      }
      remoteConfigHashes.add(remote.config_hash.hex());
      Map<String, String> files = new TreeMap<>();
      if (remote.config != null) {
        remote.config.config_map.forEach((name, file) -> files.put(name, file.body.utf8()));
      }
      lastRemoteConfigFiles.set(files);
      effectiveConfig.set(
          new EffectiveConfig(
              remote.config != null ? remote.config : new AgentConfigMap(Map.of())));
      c.setRemoteConfigStatus(
          new RemoteConfigStatus.Builder()
              .last_remote_config_hash(remote.config_hash)
              .status(RemoteConfigStatuses.RemoteConfigStatuses_APPLIED)
              .build());
    }
  }

  /** The effective config the client reports: empty until a remote config was applied. */
  // Inside this class the simple name EffectiveConfig means the inherited State.EffectiveConfig.
  private static final class ProbeEffectiveConfig extends State.EffectiveConfig {
    private volatile opamp.proto.EffectiveConfig value =
        new opamp.proto.EffectiveConfig(new AgentConfigMap(Map.of()));

    @Override
    public opamp.proto.EffectiveConfig get() {
      return value;
    }

    void set(opamp.proto.EffectiveConfig config) {
      value = config;
      notifyUpdate();
    }
  }
}

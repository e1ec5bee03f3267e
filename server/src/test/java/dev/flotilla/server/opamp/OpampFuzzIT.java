package dev.flotilla.server.opamp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.flotilla.opamp.Capabilities;
import dev.flotilla.opamp.proto.AgentCapabilities;
import dev.flotilla.opamp.proto.AgentConfigFile;
import dev.flotilla.opamp.proto.AgentConfigMap;
import dev.flotilla.opamp.proto.AgentDisconnect;
import dev.flotilla.opamp.proto.AgentToServerFlags;
import dev.flotilla.opamp.proto.ComponentHealth;
import dev.flotilla.opamp.proto.CustomCapabilities;
import dev.flotilla.opamp.proto.CustomMessage;
import dev.flotilla.opamp.proto.EffectiveConfig;
import dev.flotilla.opamp.proto.RemoteConfigStatus;
import dev.flotilla.opamp.proto.RemoteConfigStatuses;
import dev.flotilla.opamp.proto.ServerToAgent;
import dev.flotilla.server.support.OpampHttp;
import dev.flotilla.server.support.OpampWebSocket;
import dev.flotilla.server.support.RawAgent;
import dev.flotilla.server.support.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated OpAMP messages (byte flips, insertions, deletions, truncations, splices of real-shaped
 * messages) against a running server over HTTP and WebSocket: every one gets an answer in the
 * protocol's terms (never a 5xx, never a hang over 1 s), and a well-behaved agent is served
 * afterwards. {@code -Dfuzz.inputs=N} (default 3000) and {@code -Dfuzz.seed=S} set the run; a long
 * run is {@code -Dfuzz.inputs=10000000}.
 */
class OpampFuzzIT {
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 3000);
  private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
  private static final Set<Integer> ANSWERS = Set.of(200, 400, 403, 413, 415, 429, 503);
  private static final long CAPS =
      Capabilities.of(
          AgentCapabilities.AgentCapabilities_ReportsStatus,
          AgentCapabilities.AgentCapabilities_ReportsHealth,
          AgentCapabilities.AgentCapabilities_ReportsEffectiveConfig,
          AgentCapabilities.AgentCapabilities_AcceptsRemoteConfig,
          AgentCapabilities.AgentCapabilities_ReportsRemoteConfig,
          AgentCapabilities.AgentCapabilities_AcceptsRestartCommand,
          AgentCapabilities.AgentCapabilities_ReportsHeartbeat);

  @TempDir Path dir;

  @Test
  void mutatedMessagesGetAnAnswerAndNeverStopTheServer() {
    Random random = new Random(SEED);
    List<byte[]> seeds = seeds();
    Map<Integer, Integer> statuses = new TreeMap<>();
    long slowestNanos = 0;
    int wsInputs = INPUTS / 4;
    int wsClosed = 0;
    try (TestServer server = TestServer.start(dir)) {
      OpampHttp http = new OpampHttp(server.opampHttp());
      for (int i = 0; i < INPUTS - wsInputs; i++) {
        byte[] input = mutate(seeds, random);
        long start = System.nanoTime();
        HttpResponse<byte[]> r = http.post(input);
        long took = System.nanoTime() - start;
        slowestNanos = Math.max(slowestNanos, took);
        statuses.merge(r.statusCode(), 1, Integer::sum);
        assertThat(r.statusCode()).as("answer to input %d", i).isIn(ANSWERS);
        assertThat(took).as("time for input %d", i).isLessThan(1_000_000_000L);
        if (r.statusCode() == 200 || r.statusCode() == 400) {
          OpampHttp.parse(r); // a ServerToAgent, also for a bad request
        }
      }
      OpampWebSocket ws = OpampWebSocket.connect(server.opampWs());
      for (int i = 0; i < wsInputs; i++) {
        if (ws.closeCode.isDone()) {
          wsClosed++;
          ws = OpampWebSocket.connect(server.opampWs());
        }
        byte[] body = mutate(seeds, random);
        // the OpAMP WebSocket header (varint 0), sometimes left out or mutated with the body
        byte[] frame = random.nextInt(8) == 0 ? body : concat(new byte[] {0}, body);
        ws.sendRaw(frame);
      }
      ws.close();

      RawAgent good = new RawAgent(CAPS);
      ServerToAgent reply = http.send(good.full("well-behaved").build());
      assertThat(reply.getInstanceUid()).isEqualTo(good.uidBytes());
      assertThat(reply.hasErrorResponse()).isFalse();
      try (OpampWebSocket fresh = OpampWebSocket.connect(server.opampWs())) {
        assertThat(fresh.exchange(good.next().build()).hasErrorResponse()).isFalse();
      }
      assertThat(server.api("GET", "/healthz", null).statusCode()).isEqualTo(200);
    }
    System.out.printf(
        "OpAMP fuzz: %d inputs (seed %d), HTTP answers %s, slowest %.1f ms, WebSocket reconnects"
            + " after a close %d%n",
        INPUTS, SEED, statuses, slowestNanos / 1e6, wsClosed);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** Messages of every shape a real agent sends. */
  private static List<byte[]> seeds() {
    List<byte[]> out = new ArrayList<>();
    RawAgent a = new RawAgent(CAPS);
    out.add(a.full("fluent-bit").build().toByteArray());
    out.add(a.next().build().toByteArray());
    out.add(
        a.next()
            .setHealth(
                ComponentHealth.newBuilder()
                    .setHealthy(false)
                    .setLastError("output es.0 failing")
                    .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                    .putComponentHealthMap(
                        "output:es.0",
                        ComponentHealth.newBuilder().setHealthy(false).setStatus("retry").build()))
            .build()
            .toByteArray());
    out.add(
        a.next()
            .setEffectiveConfig(
                EffectiveConfig.newBuilder()
                    .setConfigMap(
                        AgentConfigMap.newBuilder()
                            .putConfigMap(
                                "fluent-bit.conf",
                                AgentConfigFile.newBuilder()
                                    .setBody(
                                        ByteString.copyFromUtf8(
                                            "[INPUT]\n    Name tail\n    Path /var/log/*.log\n"
                                                + "[OUTPUT]\n    Name stdout\n    Match *\n"))
                                    .setContentType("text/plain")
                                    .build())))
            .build()
            .toByteArray());
    out.add(
        a.next()
            .setRemoteConfigStatus(
                RemoteConfigStatus.newBuilder()
                    .setStatus(RemoteConfigStatuses.RemoteConfigStatuses_FAILED)
                    .setLastRemoteConfigHash(ByteString.copyFrom(new byte[32]))
                    .setErrorMessage("bad config"))
            .build()
            .toByteArray());
    out.add(
        a.next()
            .setCustomCapabilities(
                CustomCapabilities.newBuilder().addCapabilities("dev.flotilla.chatops.forward"))
            .setCustomMessage(
                CustomMessage.newBuilder()
                    .setCapability("dev.flotilla.chatops.forward")
                    .setType("ping")
                    .setData(ByteString.copyFromUtf8("{}")))
            .build()
            .toByteArray());
    out.add(
        a.next()
            .setFlags(AgentToServerFlags.AgentToServerFlags_RequestInstanceUid_VALUE)
            .build()
            .toByteArray());
    out.add(
        a.next().setAgentDisconnect(AgentDisconnect.getDefaultInstance()).build().toByteArray());
    return out;
  }

  private static byte[] mutate(List<byte[]> seeds, Random random) {
    byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds && b.length > 0; r++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(7)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b[at] = (byte) random.nextInt(256);
        case 2 -> {
          byte[] ins = new byte[1 + random.nextInt(8)];
          random.nextBytes(ins);
          b = splice(b, at, 0, ins);
        }
        case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + random.nextInt(16)), new byte[0]);
        case 4 -> b = java.util.Arrays.copyOf(b, at);
        case 5 -> {
          byte[] other = seeds.get(random.nextInt(seeds.size()));
          int from = random.nextInt(other.length);
          b = splice(b, at, 0, java.util.Arrays.copyOfRange(other, from, other.length));
        }
        default -> b[at] = (byte) (random.nextBoolean() ? 0xff : 0x00); // varint and length edges
      }
    }
    return b;
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }
}

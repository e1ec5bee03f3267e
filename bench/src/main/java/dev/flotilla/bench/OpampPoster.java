package dev.flotilla.bench;

import dev.flotilla.opamp.InstanceUid;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.testkit.sim.AgentDescriptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One OpAMP agent over plain HTTP, reduced to what an overload test needs: each {@link #post} sends
 * the agent's next {@code AgentToServer} (a full one first, heartbeats after) and records the
 * answer, or its absence, in a {@link Tally}.
 */
final class OpampPoster {
  static final String CONTENT_TYPE = "application/x-protobuf";

  private final HttpClient client;
  private final URI endpoint;
  private final InstanceUid uid;
  private final String host;
  private final Duration timeout;
  private final AtomicLong sequence = new AtomicLong();

  OpampPoster(HttpClient client, URI endpoint, InstanceUid uid, String host, Duration timeout) {
    this.client = client;
    this.endpoint = endpoint;
    this.uid = uid;
    this.host = host;
    this.timeout = timeout;
  }

  /** The agent's message number {@code seq}: the first describes the agent, later ones are bare. */
  static AgentToServer message(InstanceUid uid, String host, long seq) {
    AgentToServer.Builder m =
        AgentToServer.newBuilder()
            .setInstanceUid(uid.toByteString())
            .setSequenceNum(seq)
            .setCapabilities(LoadGenerator.CAPABILITIES);
    if (seq == 0) {
      m.setAgentDescription(AgentDescriptions.fluentBit("4.0.3", host));
    }
    return m.build();
  }

  CompletableFuture<Void> post(Tally tally) {
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", CONTENT_TYPE)
            .header("OpAMP-Instance-UID", uid.toString())
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    message(uid, host, sequence.getAndIncrement()).toByteArray()))
            .build();
    long start = System.nanoTime();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                tally.dropped(error);
              } else {
                tally.answered(
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").isPresent(),
                    System.nanoTime() - start);
              }
              return null;
            });
  }
}

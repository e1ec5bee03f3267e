package dev.flotilla.server.support;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.flotilla.opamp.proto.AgentToServer;
import dev.flotilla.opamp.proto.ServerToAgent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Plain-HTTP OpAMP exchanges with full control over headers and bodies. */
public final class OpampHttp {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI endpoint;
  public String token;

  public OpampHttp(URI endpoint) {
    this.endpoint = endpoint;
  }

  public HttpResponse<byte[]> post(byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(20))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    boolean contentType = false;
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      contentType |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!contentType) {
      b.header("Content-Type", "application/x-protobuf");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends the message and returns the decoded 200 reply. */
  public ServerToAgent send(AgentToServer message) {
    HttpResponse<byte[]> r = post(message.toByteArray());
    if (r.statusCode() != 200) {
      throw new AssertionError(
          "OpAMP POST answered " + r.statusCode() + ": " + new String(r.body()));
    }
    return parse(r);
  }

  public static ServerToAgent parse(HttpResponse<byte[]> r) {
    byte[] body = r.body();
    if ("gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))) {
      body = gunzip(body);
    }
    try {
      return ServerToAgent.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("reply is not a ServerToAgent", e);
    }
  }

  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

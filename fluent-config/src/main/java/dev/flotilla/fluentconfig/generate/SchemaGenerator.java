package dev.flotilla.fluentconfig.generate;

import dev.flotilla.fluentconfig.schema.SchemaJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Produces schema sets from the four sources: a {@code -J} dump, a local binary, a published
 * release schema, and a source tree (merged over one of the others).
 */
public final class SchemaGenerator {
  /** Where Fluent Bit publishes {@code fluent-bit-schema-<version>.json} for each release. */
  public static final URI DEFAULT_RELEASE_BASE =
      URI.create("https://github.com/fluent/fluent-bit/releases/download/");

  private final SchemaJson json;
  private final HttpClient http;
  private final Duration timeout;

  public SchemaGenerator(SchemaJson json, HttpClient http, Duration timeout) {
    this.json = json;
    this.http = http;
    this.timeout = timeout;
  }

  /** From the text a {@code fluent-bit -J} printed, with the curated repeatable list merged. */
  public SchemaSet fromDump(String dump) {
    SchemaSet set = DumpSchemas.fromDump(json.mapper().readTree(dump));
    return curated().mergeInto(set);
  }

  /** Runs {@code <binary> -J} and reads its standard output. */
  public SchemaSet fromBinary(Path binary) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(binary.toString(), "-J")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(binary + " -J did not finish within " + timeout);
    }
    if (p.exitValue() != 0) {
      throw new IOException(binary + " -J exited with " + p.exitValue());
    }
    return fromDump(out);
  }

  /** Downloads {@code <base>/v<version>/fluent-bit-schema-<version>.json}. */
  public SchemaSet fromRelease(URI base, String version) throws IOException, InterruptedException {
    String b = base.toString().endsWith("/") ? base.toString() : base + "/";
    URI uri = URI.create(b + "v" + version + "/fluent-bit-schema-" + version + ".json");
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("GET " + uri + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode());
    }
    return fromDump(response.body());
  }

  /** Mines a Fluent Bit source checkout and merges what it finds over {@code base}. */
  public SchemaSet withSourceTree(SchemaSet base, Path sourceRoot) throws IOException {
    return new SourceTreeMiner().mine(sourceRoot).mergeInto(base);
  }

  /** Like {@link #withSourceTree} for a {@code .tar.gz} archive of the sources. */
  public SchemaSet withSourceArchive(SchemaSet base, Path archive) throws IOException {
    Path dir = Files.createTempDirectory("fluent-bit-src");
    try {
      TarGz.extract(archive, dir);
      return withSourceTree(base, dir);
    } finally {
      TarGz.deleteTree(dir);
    }
  }

  /** The curated repeatable and required lists shipped with the generator. */
  /** Downloads a {@code .tar.gz} of the sources (e.g. a release's source archive) and mines it. */
  public SchemaSet withSourceArchive(SchemaSet base, URI archive)
      throws IOException, InterruptedException {
    Path file = Files.createTempFile("fluent-bit-src", ".tar.gz");
    try {
      HttpResponse<Path> response;
      try {
        response =
            http.send(
                HttpRequest.newBuilder(archive).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
      } catch (IOException e) {
        throw new IOException("GET " + archive + " failed: " + e, e);
      }
      if (response.statusCode() != 200) {
        throw new IOException("GET " + archive + " answered " + response.statusCode());
      }
      return withSourceArchive(base, file);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  static SourceFacts curated() {
    return SourceFacts.parseList(resource("known-repeatable.txt"), false)
        .plus(SourceFacts.parseList(resource("known-required.txt"), true));
  }

  private static String resource(String name) {
    try (InputStream in =
        SchemaGenerator.class.getResourceAsStream("/dev/flotilla/fluentconfig/generate/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.flotilla.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the server's vital signs from outside: resident memory from {@code /proc}, used heap after
 * a full GC through {@code jcmd} (or, without a pid, {@code jvm_memory_used_bytes} from {@code
 * /metrics}), and the agent count from the REST API. Every reading may be absent.
 */
final class ServerGauges {
  private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])");
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Pattern HEAP_METRIC =
      Pattern.compile(
          "^jvm_memory_used_bytes\\{[^}]*heap[^}]*}\\s+([0-9.eE+]+)", Pattern.MULTILINE);

  private final long pid;
  private final URI apiUrl;
  private final String token;
  private final HttpClient client;

  ServerGauges(long pid, URI apiUrl, String token, HttpClient client) {
    this.pid = pid;
    this.apiUrl = apiUrl;
    this.token = token;
    this.client = client;
  }

  long pid() {
    return pid;
  }

  /** VmRSS in bytes. */
  OptionalLong rssBytes() {
    if (pid <= 0) {
      return OptionalLong.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // the process is gone or /proc is not Linux's
    }
    return OptionalLong.empty();
  }

  /** Used heap in bytes right after a full GC (jcmd), else as /metrics reports it. */
  OptionalLong heapUsedBytes() {
    OptionalLong viaJcmd = pid > 0 ? heapViaJcmd() : OptionalLong.empty();
    return viaJcmd.isPresent() ? viaJcmd : heapViaMetrics();
  }

  /** Heap in use now, without forcing a GC: from {@code /metrics}, else {@code jcmd}. */
  OptionalLong heapInUseBytes() {
    OptionalLong metrics = heapViaMetrics();
    if (metrics.isPresent() || pid <= 0) {
      return metrics;
    }
    try {
      return usedHeap(run(Path.of(System.getProperty("java.home"), "bin", "jcmd"), "GC.heap_info"));
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /** CPU time (user + system) the server process has used so far, as the OS reports it. */
  Optional<Duration> cpuTime() {
    return pid <= 0
        ? Optional.empty()
        : ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
  }

  /** How the heap figure was obtained, for the report. */
  String heapSource() {
    return pid > 0 ? "after jcmd GC.run" : "from /metrics (no full GC)";
  }

  private OptionalLong heapViaJcmd() {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      run(jcmd, "GC.run");
      return usedHeap(run(jcmd, "GC.heap_info"));
    } catch (IOException e) {
      System.err.println("jcmd failed: " + e.getMessage());
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }

  /**
   * Sums the {@code used} figures of the heap's generations in {@code jcmd GC.heap_info} output
   * (G1, Serial, Parallel and ZGC formats); per-space percentage lines are skipped.
   */
  static OptionalLong usedHeap(String heapInfo) {
    long used = 0;
    boolean found = false;
    for (String line : heapInfo.lines().toList()) {
      String trimmed = line.trim();
      if (trimmed.startsWith("Metaspace") || trimmed.startsWith("class space")) {
        break; // older JDKs list these after the heap; they are not heap
      }
      if (trimmed.contains("total") || trimmed.startsWith("ZHeap")) {
        Matcher m = USED.matcher(trimmed);
        if (m.find()) {
          used += Long.parseLong(m.group(1)) * unit(m.group(2));
          found = true;
        }
      }
    }
    return found ? OptionalLong.of(used) : OptionalLong.empty();
  }

  private String run(Path jcmd, String command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("jcmd " + pid + " " + command + " failed: " + out.strip());
    }
    return out;
  }

  private static long unit(String u) {
    return switch (u) {
      case "K" -> 1024L;
      case "M" -> 1024L * 1024;
      default -> 1024L * 1024 * 1024;
    };
  }

  private OptionalLong heapViaMetrics() {
    if (apiUrl == null) {
      return OptionalLong.empty();
    }
    return get("/metrics")
        .map(
            body -> {
              Matcher m = HEAP_METRIC.matcher(body);
              double sum = 0;
              boolean found = false;
              while (m.find()) {
                sum += Double.parseDouble(m.group(1));
                found = true;
              }
              return found ? OptionalLong.of((long) sum) : OptionalLong.empty();
            })
        .orElse(OptionalLong.empty());
  }

  /** {@code total} of {@code GET /api/v1/agents}. */
  OptionalLong agentsListed() {
    return get("/api/v1/agents?limit=1")
        .map(
            body -> {
              Matcher m = TOTAL.matcher(body);
              return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
            })
        .orElse(OptionalLong.empty());
  }

  private Optional<String> get(String path) {
    if (apiUrl == null) {
      return Optional.empty();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(apiUrl.resolve(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("GET " + path + " answered HTTP " + response.statusCode());
        return Optional.empty();
      }
      return Optional.of(response.body());
    } catch (IOException e) {
      System.err.println("GET " + path + " failed: " + e);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}

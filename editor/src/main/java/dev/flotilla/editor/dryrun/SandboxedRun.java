package dev.flotilla.editor.dryrun;

import dev.flotilla.fluentconfig.engine.EngineRun;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an engine's {@code --dry-run} with as little reach as this machine allows: in the scratch
 * directory the run was prepared in (its working directory and {@code TMPDIR}), with no proxy
 * settings inherited, and without a network where {@code unshare --net} works (root, or
 * unprivileged user namespaces); elsewhere the engine keeps the host's network, and {@link
 * #isolated} says so. It is not a sandbox against a hostile binary: the engine still runs as this
 * user and can read what this user can.
 */
public final class SandboxedRun {
  private static final Set<String> PROXY_VARIABLES =
      Set.of("http_proxy", "https_proxy", "ftp_proxy", "all_proxy", "no_proxy", "socks_proxy");

  private static final Logger log = LoggerFactory.getLogger(SandboxedRun.class);

  private final List<String> prefix;

  private SandboxedRun(List<String> prefix) {
    this.prefix = List.copyOf(prefix);
  }

  /** Finds out once whether this machine can take the network away from a child process. */
  public static SandboxedRun probe() {
    for (List<String> candidate :
        List.of(List.of("unshare", "--net"), List.of("unshare", "--net", "--map-root-user"))) {
      List<String> test = new ArrayList<>(candidate);
      test.add("true");
      try {
        Process p = new ProcessBuilder(test).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
          log.info("dry runs have no network ({})", String.join(" ", candidate));
          return new SandboxedRun(candidate);
        }
        p.destroyForcibly();
      } catch (IOException e) {
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    log.warn(
        "dry runs keep this machine's network: 'unshare --net' does not work here (it needs root"
            + " or unprivileged user namespaces); proxy settings are still removed");
    return new SandboxedRun(List.of());
  }

  /** Runs with the host's network: for machines or tests where isolation is not wanted. */
  public static SandboxedRun withNetwork() {
    return new SandboxedRun(List.of());
  }

  /** Whether runs have no network (only a loopback device of their own). */
  public boolean isolated() {
    return !prefix.isEmpty();
  }

  /**
   * {@code executable --dry-run -c mainFile} in {@code scratch}; exit code -1 when it could not run
   * or timed out.
   */
  public EngineRun.Result dryRun(Path executable, Path mainFile, Duration timeout, Path scratch) {
    List<String> command = new ArrayList<>(prefix);
    command.add(executable.toString());
    command.addAll(List.of("--dry-run", "-c", mainFile.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(scratch.toFile());
    Map<String, String> env = environment(System.getenv(), scratch);
    pb.environment().clear();
    pb.environment().putAll(env);
    return EngineRun.run(pb, timeout, executable.toString());
  }

  /** The engine's environment: this process's, less proxy settings, with TMPDIR in scratch. */
  static Map<String, String> environment(Map<String, String> inherited, Path scratch) {
    Map<String, String> env = new HashMap<>();
    inherited.forEach(
        (k, v) -> {
          if (!PROXY_VARIABLES.contains(k.toLowerCase(Locale.ROOT))) {
            env.put(k, v);
          }
        });
    env.put("TMPDIR", scratch.toString());
    return env;
  }
}

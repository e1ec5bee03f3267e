package dev.flotilla.editor.dryrun;

import dev.flotilla.editor.files.Folder;
import dev.flotilla.fleet.FleetException;
import dev.flotilla.fleet.FleetException.Kind;
import dev.flotilla.fluentconfig.engine.EngineRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

/**
 * Checks a buffer with the engine's own {@code --dry-run}: the buffer (with the folder's other
 * config files, or the files sent with it) is written to a fresh scratch directory, the local
 * binary checks it there through {@link SandboxedRun} (no proxy settings, no network where the
 * machine allows), and the directory is removed. At most two run at a time. Fluentd evaluates
 * {@code #{...}} as Ruby while it parses, so a Fluentd config that has it is refused unless {@code
 * allowFluentdRuby}.
 */
public final class DryRuns {

  /** The answer; {@code message} is a one-line summary, {@code output} what the engine printed. */
  public record Outcome(String engine, boolean ok, int exitCode, String output, String message) {}

  private static final String RUBY = "#{";

  private final Map<String, Path> binaries;
  private final Duration timeout;
  private final Optional<Folder> folder;
  private final boolean allowFluentdRuby;
  private final SandboxedRun sandbox;
  private final Semaphore slots = new Semaphore(2);

  public DryRuns(
      Map<String, Path> binaries,
      Duration timeout,
      Optional<Folder> folder,
      boolean allowFluentdRuby,
      SandboxedRun sandbox) {
    this.binaries = Map.copyOf(binaries);
    this.timeout = timeout;
    this.folder = folder;
    this.allowFluentdRuby = allowFluentdRuby;
    this.sandbox = sandbox;
  }

  /** Whether runs have no network; see {@link SandboxedRun}. */
  public boolean isolated() {
    return sandbox.isolated();
  }

  public boolean available(String engine) {
    return binaries.containsKey(engine);
  }

  /**
   * @param path the buffer's place in the folder, or null
   * @param files further files by name, used when there is no folder path
   */
  public Outcome check(
      String engine, String name, String path, String text, Map<String, String> files) {
    Path exe = binaries.get(engine);
    if (exe == null) {
      throw new FleetException(
          Kind.UNAVAILABLE,
          "no local " + engine + " binary is configured for dry runs (see docs/editor.md)");
    }
    if (!slots.tryAcquire()) {
      throw new FleetException(Kind.UNAVAILABLE, "two dry runs are already running; try again");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("flotilla-dry-run");
      Path main;
      if (path != null && folder.isPresent()) {
        for (Folder.Entry e : folder.get().list()) {
          Path to = dir.resolve(e.path());
          Files.createDirectories(to.getParent());
          Files.copy(folder.get().resolve(e.path()), to);
        }
        main = dir.resolve(folder.get().relative(folder.get().resolve(path)));
      } else {
        for (var f : files.entrySet()) {
          Path to = dir.resolve(f.getKey()).normalize();
          if (to.startsWith(dir)) {
            Files.createDirectories(to.getParent());
            Files.writeString(to, f.getValue());
          }
        }
        main = dir.resolve(Path.of(name).getFileName().toString());
      }
      Files.createDirectories(main.getParent());
      Files.writeString(main, text);
      if (engine.equals("fluentd") && !allowFluentdRuby) {
        refuseRuby(dir);
      }
      EngineRun.Result r = sandbox.dryRun(exe, main, timeout, main.getParent());
      String output = r.output().replace(dir.toString() + "/", "").replace(dir.toString(), ".");
      String message =
          r.ok()
              ? engine + " --dry-run accepted the configuration"
              : engine
                  + " --dry-run exited with status "
                  + r.exitCode()
                  + ": "
                  + EngineRun.errorText(output);
      return new Outcome(engine, r.ok(), r.exitCode(), output, message);
    } catch (IOException e) {
      throw new FleetException(Kind.UNAVAILABLE, "cannot prepare the dry run: " + e, e);
    } finally {
      slots.release();
      delete(dir);
    }
  }

  /**
   * @throws FleetException UNPROCESSABLE naming the first file and line with {@code #{}
   */
  private static void refuseRuby(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(RUBY)) {
          throw new FleetException(
              Kind.UNPROCESSABLE,
              dir.relativize(f)
                  + " line "
                  + (i + 1)
                  + " embeds Ruby (#{...}), which fluentd runs while it reads the config;"
                  + " dry runs of such configs are off (allow them with the editor setting"
                  + " allow-fluentd-ruby or --allow-fluentd-ruby; see docs/editor.md)");
        }
      }
    }
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // a leftover in the temporary directory is harmless
                }
              });
    } catch (IOException ignored) {
      // as above
    }
  }
}

package dev.flotilla.testkit.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Writes a small launcher script that runs a stand-in main class in a fresh JVM on the current test
 * classpath, so code under test can treat it as an agent executable path. When the matching
 * environment variable ({@code FLUENT_BIT_BIN}, {@code FLUENTD_BIN}) names a real binary, that is
 * returned instead.
 */
public final class StandInExecutable {

  private StandInExecutable() {}

  /**
   * A {@code fluent-bit} executable: the real one from {@code FLUENT_BIT_BIN}, else the stand-in.
   */
  public static Path fluentBit(Path dir) {
    return real("FLUENT_BIT_BIN")
        .orElseGet(
            () -> script(dir, "fluent-bit", "dev.flotilla.testkit.fluentbit.FluentBitStandIn"));
  }

  /** A {@code fluentd} executable: the real one from {@code FLUENTD_BIN}, else the stand-in. */
  public static Path fluentd(Path dir) {
    return real("FLUENTD_BIN")
        .orElseGet(() -> script(dir, "fluentd", "dev.flotilla.testkit.fluentd.FluentdStandIn"));
  }

  /** True when tests run against a real agent binary rather than the stand-in. */
  public static boolean isReal(String envName) {
    return real(envName).isPresent();
  }

  private static Optional<Path> real(String envName) {
    String value = System.getenv(envName);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /** Writes {@code dir/name}, an executable shell script that runs {@code mainClass}. */
  public static Path script(Path dir, String name, String mainClass) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // Surefire and failsafe run tests from a manifest-only jar; they expose the real path here.
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String body =
        "#!/bin/sh\n"
            + "exec '"
            + java
            + "' -Xmx48m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto"
            + " -cp '"
            + classpath
            + "' "
            + mainClass
            + " \"$@\"\n";
    try {
      Files.createDirectories(dir);
      Path script = dir.resolve(name);
      Files.writeString(script, body);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("writing launcher " + name + " in " + dir, e);
    }
  }
}

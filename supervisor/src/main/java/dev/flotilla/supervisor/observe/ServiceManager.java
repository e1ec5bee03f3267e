package dev.flotilla.supervisor.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts an agent that something else started, through the OS: systemd, SysV {@code service},
 * Windows services, or an operator-supplied command. Never signals the process directly.
 */
public record ServiceManager(List<String> restartCommand) {

  public ServiceManager {
    restartCommand = List.copyOf(restartCommand);
    if (restartCommand.isEmpty()) {
      throw new IllegalArgumentException("empty restart command");
    }
  }

  public static ServiceManager of(String type, String name, List<String> command) {
    return switch (type) {
      case "systemd" -> new ServiceManager(List.of("systemctl", "restart", name));
      case "sysv" -> new ServiceManager(List.of("service", name, "restart"));
      case "windows" ->
          new ServiceManager(
              List.of(
                  "powershell.exe",
                  "-NoProfile",
                  "-NonInteractive",
                  "-Command",
                  "Restart-Service -Name '" + name.replace("'", "''") + "'"));
      case "command" -> new ServiceManager(command);
      default -> throw new IllegalArgumentException("unknown service manager '" + type + "'");
    };
  }

  /**
   * Runs the restart command; throws with its output when it fails or takes longer than timeout.
   */
  public void restart(Duration timeout) throws IOException {
    Process p = new ProcessBuilder(restartCommand).redirectErrorStream(true).start();
    p.getOutputStream().close();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException(
            restartCommand + " did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + restartCommand, e);
    }
    if (p.exitValue() != 0) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      throw new IOException(restartCommand + " exited with status " + p.exitValue() + ": " + out);
    }
  }
}

package dev.flotilla.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable, content-addressed version of a named config: every file of the bundle.
 *
 * @param hash lower-case hex of the OpAMP config hash, the same the agent reports back
 * @param source where it came from: {@code upload}, {@code editor}, {@code
 *     catalog:<path>[@commit]}, {@code adopted:<uid>} or {@code agent-push}
 * @param lint what the linter found when it was published
 */
public record ConfigVersion(
    String name,
    int version,
    String hash,
    Map<String, Agent.ConfigFile> files,
    String author,
    String message,
    Instant createdAt,
    String source,
    Lint lint) {

  /**
   * @param forced true when it was published in spite of lint errors
   * @param findings one line per finding: {@code severity file:line message}
   */
  public record Lint(int errors, int warnings, boolean forced, List<String> findings) {
    public static Lint clean() {
      return new Lint(0, 0, false, List.of());
    }
  }
}

package dev.flotilla.supervisor.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's captured stdout and stderr: a file that rolls over to {@code <name>.1} once it
 * reaches {@code maxBytes} (so at most twice that on disk), plus the last lines in memory,
 * numbered, so callers can ask "what did the agent print since I triggered X". Thread-safe.
 */
public final class CappedLog {

  private static final int TAIL_LINES = 400;
  private final Path file;
  private final long maxBytes;
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private long lineCount;
  private OutputStream out;
  private long written;

  public CappedLog(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
  }

  public Path file() {
    return file;
  }

  public synchronized void append(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
    lineCount++;
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      if (out == null || written + bytes.length > maxBytes) {
        roll();
      }
      out.write(bytes);
      out.flush();
      written += bytes.length;
    } catch (IOException e) {
      throw new UncheckedIOException("writing agent log " + file, e);
    }
  }

  private void roll() throws IOException {
    if (out != null) {
      out.close();
      Files.move(
          file,
          file.resolveSibling(file.getFileName() + ".1"),
          StandardCopyOption.REPLACE_EXISTING);
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    out =
        Files.newOutputStream(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    written = Files.size(file);
  }

  /** A position to pass to {@link #linesSince(long)} later. */
  public synchronized long mark() {
    return lineCount;
  }

  /** Lines appended after {@code mark}, as far as the in-memory tail still holds them. */
  public synchronized List<String> linesSince(long mark) {
    long first = lineCount - tail.size();
    List<String> lines = new ArrayList<>(tail);
    int skip = (int) Math.max(0, mark - first);
    return skip >= lines.size() ? List.of() : List.copyOf(lines.subList(skip, lines.size()));
  }

  /** The last {@code n} lines. */
  public synchronized List<String> lastLines(int n) {
    List<String> lines = new ArrayList<>(tail);
    return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
  }

  public synchronized void close() {
    try {
      if (out != null) {
        out.close();
        out = null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.flotilla.fleet;

import java.util.List;

/**
 * Two versions of one config compared file by file.
 *
 * @param files one entry per file present in either version, in name order
 */
public record ConfigDiff(String name, int from, int to, List<FileDiff> files) {

  /**
   * @param change {@code added}, {@code removed}, {@code modified} or {@code unchanged}
   * @param unified unified diff text ({@code ---}/{@code +++} headers, {@code @@} hunks); empty
   *     when unchanged
   */
  public record FileDiff(String file, String change, String unified) {}

  /** The whole comparison as one unified diff text. */
  public String unified() {
    StringBuilder sb = new StringBuilder();
    for (FileDiff f : files) {
      sb.append(f.unified());
    }
    return sb.toString();
  }
}

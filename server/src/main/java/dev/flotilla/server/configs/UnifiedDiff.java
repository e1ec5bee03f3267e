package dev.flotilla.server.configs;

import java.util.ArrayList;
import java.util.List;

/**
 * Line diff of two texts in unified format (three lines of context), from a longest common
 * subsequence. Quadratic in the line counts: meant for config files, which stay small; texts past
 * {@link #MAX_LINES} lines are shown as wholly replaced.
 */
final class UnifiedDiff {
  static final int MAX_LINES = 5000;
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /**
   * @param from null for a file that did not exist
   * @param to null for a file that was removed
   */
  static String of(String fileName, String from, String to) {
    List<String> a = lines(from);
    List<String> b = lines(to);
    List<Op> ops = ops(a, b);
    if (ops.stream().allMatch(o -> o.kind == ' ')) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(from == null ? "/dev/null" : "a/" + fileName).append('\n');
    out.append("+++ ").append(to == null ? "/dev/null" : "b/" + fileName).append('\n');
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // extend the hunk while changes are closer than two contexts apart
      int lastChange = i;
      while (end < ops.size()) {
        if (ops.get(end).kind != ' ') {
          lastChange = end;
        } else if (end - lastChange > 2 * CONTEXT) {
          break;
        }
        end++;
      }
      end = Math.min(ops.size(), lastChange + CONTEXT + 1);
      int aStart = 0;
      int bStart = 0;
      for (int k = 0; k < start; k++) {
        if (ops.get(k).kind != '+') {
          aStart++;
        }
        if (ops.get(k).kind != '-') {
          bStart++;
        }
      }
      int aLen = 0;
      int bLen = 0;
      for (int k = start; k < end; k++) {
        if (ops.get(k).kind != '+') {
          aLen++;
        }
        if (ops.get(k).kind != '-') {
          bLen++;
        }
      }
      out.append("@@ -")
          .append(range(aStart, aLen))
          .append(" +")
          .append(range(bStart, bLen))
          .append(" @@\n");
      for (int k = start; k < end; k++) {
        out.append(ops.get(k).kind).append(ops.get(k).line).append('\n');
      }
      i = end;
    }
    return out.toString();
  }

  private static String range(int start, int length) {
    return (length == 0 ? start : start + 1) + "," + length;
  }

  private record Op(char kind, String line) {}

  private static List<Op> ops(List<String> a, List<String> b) {
    List<Op> out = new ArrayList<>();
    if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
      a.forEach(l -> out.add(new Op('-', l)));
      b.forEach(l -> out.add(new Op('+', l)));
      return out;
    }
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      if (a.get(i).equals(b.get(j))) {
        out.add(new Op(' ', a.get(i)));
        i++;
        j++;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        out.add(new Op('-', a.get(i++)));
      } else {
        out.add(new Op('+', b.get(j++)));
      }
    }
    while (i < n) {
      out.add(new Op('-', a.get(i++)));
    }
    while (j < m) {
      out.add(new Op('+', b.get(j++)));
    }
    return out;
  }

  private static List<String> lines(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (out.getLast().isEmpty()) {
      out.removeLast();
    }
    return out;
  }
}

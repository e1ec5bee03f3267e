package dev.flotilla.fluentconfig.classic;

import dev.flotilla.fluentconfig.SectionMoves;
import dev.flotilla.fluentconfig.TextBlocks;
import dev.flotilla.fluentconfig.model.Section;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text blocks of a classic file's sections: a section's header (with the comment lines directly
 * above it) through its last entry; an {@code [UPSTREAM]} block runs through its {@code [NODE]}s.
 * Classic sections sit at the top level, so moves reorder them; a {@code [NODE]} may move to
 * another upstream.
 */
final class ClassicBlocks {
  private final String text;
  private final List<ClassicLine> lines;
  private final ClassicTree tree;
  private final int[] offsets;

  ClassicBlocks(String text, List<ClassicLine> lines, ClassicTree tree) {
    this.text = text;
    this.lines = lines;
    this.tree = tree;
    this.offsets = new int[lines.size() + 1];
    for (int i = 0; i < lines.size(); i++) {
      offsets[i + 1] = offsets[i] + lines.get(i).raw().length();
    }
  }

  /** The moved text, or null when the section already is where it would go. */
  String move(String path, String parentPath, int index) {
    Section section = section(path);
    String from = tree.tree().parent(path).map(Section::path).orElse("");
    if (SectionMoves.inPlace(
        tree.tree(), section, parentPath, index, s -> s.kind().equals(section.kind()))) {
      return null;
    }
    SectionMoves.checkNotInside(path, parentPath);
    boolean node = section.kind().equals("node");
    if (!from.isEmpty() && !node) {
      throw SectionMoves.refused(path, parentPath, "an indented group stays in its section");
    }
    if (node ? !from.equals(parentPath) && !isUpstream(parentPath) : !parentPath.isEmpty()) {
      throw SectionMoves.refused(
          path,
          parentPath,
          node
              ? "a [NODE] belongs to an [UPSTREAM]"
              : "classic sections sit at the top level (\"\")");
    }
    List<Section> siblings = siblings(path, section.kind(), parentPath);
    SectionMoves.checkIndex(path, parentPath, index, siblings.size());
    TextBlocks.Cut cut = TextBlocks.cut(text, start(path), end(path));
    return place(cut, siblings, index, parentPath);
  }

  /** Adds a {@code [NODE]} block (without a final newline) after the upstream's last node. */
  String addNode(String upstreamPath, String block, String newline) {
    if (!isUpstream(upstreamPath)) {
      throw new IllegalArgumentException(
          "classic holds only [NODE] sections inside a section, in an [UPSTREAM]; "
              + upstreamPath
              + " is not one");
    }
    List<Section> nodes = section(upstreamPath).children();
    TextBlocks.Cut none = TextBlocks.Cut.none(text, newline + newline, block);
    return place(none, nodes, nodes.size(), upstreamPath);
  }

  private String place(TextBlocks.Cut cut, List<Section> siblings, int index, String parentPath) {
    if (index < siblings.size()) {
      int target = cut.map(start(siblings.get(index).path()));
      return TextBlocks.insertBefore(cut.rest(), target, cut.separator(), cut.block());
    }
    String after = siblings.isEmpty() ? parentPath : siblings.get(siblings.size() - 1).path();
    return TextBlocks.insertAfter(cut.rest(), cut.map(end(after)), cut.separator(), cut.block());
  }

  private List<Section> siblings(String path, String kind, String parentPath) {
    List<Section> all =
        parentPath.isEmpty() ? tree.tree().sections() : section(parentPath).children();
    return all.stream().filter(s -> s.kind().equals(kind) && !s.path().equals(path)).toList();
  }

  private boolean isUpstream(String path) {
    return !path.isEmpty()
        && tree.tree().section(path).filter(s -> s.kind().equals("upstream")).isPresent();
  }

  private Section section(String path) {
    return tree.tree()
        .section(path)
        .orElseThrow(() -> new IllegalArgumentException("no section at " + path));
  }

  private int start(String path) {
    int first = tree.span(path).header();
    while (first > 0 && lines.get(first - 1) instanceof ClassicLine.Comment) {
      first--;
    }
    return offsets[first] == 0 && text.startsWith("\uFEFF") ? 1 : offsets[first];
  }

  private int end(String path) {
    return TextBlocks.contentEnd(text, offsets[lastLine(path)]);
  }

  private int lastLine(String path) {
    int last = tree.span(path).last();
    List<Section> nodes = section(path).children();
    if (!section(path).kind().equals("upstream") || nodes.isEmpty()) {
      return last;
    }
    Set<Integer> own = new HashSet<>();
    int through = last;
    for (Section node : nodes) {
      ClassicTree.Span span = tree.span(node.path());
      for (int i = span.header(); i <= span.last(); i++) {
        own.add(i);
      }
      through = Math.max(through, span.last());
    }
    for (int i = last + 1; i <= through; i++) {
      ClassicLine line = lines.get(i);
      if (!own.contains(i)
          && !(line instanceof ClassicLine.Blank)
          && !(line instanceof ClassicLine.Comment)) {
        throw new IllegalArgumentException(
            "the [NODE]s of " + path + " do not follow it directly (line " + line.number() + ")");
      }
    }
    return through;
  }
}

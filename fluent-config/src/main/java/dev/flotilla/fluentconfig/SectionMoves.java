package dev.flotilla.fluentconfig;

import dev.flotilla.fluentconfig.model.ConfigTree;
import dev.flotilla.fluentconfig.model.Section;
import java.util.List;
import java.util.function.Predicate;

/**
 * The checks every format makes before moving a section, so that a refused move reads the same in
 * each: {@link ConfigDocument#withSectionMoved}.
 */
public final class SectionMoves {
  private SectionMoves() {}

  /** {@code ""} is the top level of the file. */
  public static String where(String parentPath) {
    return parentPath.isEmpty() ? "the top level" : parentPath;
  }

  /**
   * Whether the section already is the {@code index}-th of those that {@code sameKind} picks in the
   * container at {@code parentPath}: such a move changes nothing.
   */
  public static boolean inPlace(
      ConfigTree tree, Section section, String parentPath, int index, Predicate<Section> sameKind) {
    var parent = tree.parent(section.path());
    if (!parent.map(Section::path).orElse("").equals(parentPath)) {
      return false;
    }
    List<Section> siblings = parent.map(Section::children).orElse(tree.sections());
    return siblings.stream().filter(sameKind).toList().indexOf(section) == index;
  }

  /** Refuses to move a section into itself or into one of its own sections. */
  public static void checkNotInside(String sectionPath, String parentPath) {
    if (parentPath.equals(sectionPath) || parentPath.startsWith(sectionPath + "/")) {
      throw new IllegalArgumentException(
          "cannot move " + sectionPath + " into itself (" + parentPath + ")");
    }
  }

  /** Refuses an index outside {@code 0..count}, where count excludes the moved section. */
  public static void checkIndex(String sectionPath, String parentPath, int index, int count) {
    if (index < 0 || index > count) {
      throw new IllegalArgumentException(
          "cannot move "
              + sectionPath
              + " to index "
              + index
              + " in "
              + where(parentPath)
              + ": there are "
              + count
              + " other sections of its kind there, so the index must be 0.."
              + count);
    }
  }

  public static IllegalArgumentException refused(
      String sectionPath, String parentPath, String reason) {
    return new IllegalArgumentException(
        "cannot move " + sectionPath + " into " + where(parentPath) + ": " + reason);
  }
}

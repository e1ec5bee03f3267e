package dev.flotilla.supervisor.remoteconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the files of an offered config map go. A file name from the server is an opaque key, never
 * a path to resolve: the empty key is the main config file; a key the supervisor itself reports in
 * its effective config names that known file; any other key must be a plain file name (no separator
 * of any platform, no drive letter, no {@code .} or {@code ..}, nothing that Unicode normalisation
 * turns into one), and becomes a new file beside the main config. On top of that the target must
 * pass the local allow-list and must physically lie in the config folder: a symlinked folder or
 * file that leads out of it is refused. Everything is checked before anything is written.
 */
public final class RemoteFileNames {
  private static final int MAX_NAME = 255;

  /** The files to write, or why the whole config is refused. */
  public sealed interface Mapping {}

  public record Targets(Map<Path, byte[]> files) implements Mapping {}

  public record Refused(String reason) implements Mapping {}

  private RemoteFileNames() {}

  public static Mapping map(
      Path mainFile, Set<String> knownKeys, AllowList allowList, Map<String, byte[]> offered) {
    Path main = mainFile.toAbsolutePath().normalize();
    Path base = main.getParent();
    Map<Path, byte[]> out = new LinkedHashMap<>();
    for (var e : offered.entrySet()) {
      String key = e.getKey();
      Path target;
      if (key.isEmpty()) {
        target = main;
      } else if (knownKeys.contains(key) && knownKeyShape(key)) {
        target = base.resolve(key).normalize();
      } else {
        String why = plainNameProblem(key);
        if (why != null) {
          return new Refused(
              "file name '" + printable(key) + "' is refused: " + why + "; nothing was written");
        }
        target = base.resolve(key);
      }
      if (!target.startsWith(base)) {
        return new Refused("file name '" + printable(key) + "' leaves the config folder");
      }
      if (!allowList.allows(target)) {
        return new Refused(
            "file '" + printable(key) + "' is not in the local allow-list [" + allowList + "]");
      }
      String outside = physicallyOutside(base, target);
      if (outside != null) {
        return new Refused("file '" + printable(key) + "' " + outside + "; nothing was written");
      }
      out.put(target, e.getValue());
    }
    return new Targets(out);
  }

  /** Why {@code name} is not a plain file name, or null when it is. */
  static String plainNameProblem(String name) {
    if (name.length() > MAX_NAME) {
      return "longer than " + MAX_NAME + " characters";
    }
    if (name.equals(".") || name.equals("..") || name.contains("..")) {
      return "it contains '..'";
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return "it contains a control character";
      }
      if ("/\\:<>\"|?*".indexOf(c) >= 0) {
        return "it contains '" + c + "' (only a plain file name is accepted, no folder)";
      }
    }
    if (!Normalizer.normalize(name, Normalizer.Form.NFKC).equals(name)) {
      return "it contains characters that normalise to others";
    }
    if (name.endsWith(".") || name.endsWith(" ") || name.startsWith(" ")) {
      return "it starts or ends with a space or a dot";
    }
    return null;
  }

  /** A key the supervisor reported: relative, '/'-separated, no '.' or '..' segments. */
  private static boolean knownKeyShape(String key) {
    if (key.startsWith("/") || key.contains("\\") || key.contains(":")) {
      return false;
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Why {@code target} would land outside {@code base} once symlinks are followed, or null. The
   * nearest existing folder above it must resolve inside the real config folder, and an existing
   * target must not be a link out.
   */
  static String physicallyOutside(Path base, Path target) {
    try {
      Path realBase = base.toRealPath();
      if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isSymbolicLink(target)
            && !(Files.exists(target) && target.toRealPath().startsWith(realBase))) {
          return "is a symlink that leads out of the config folder";
        }
        if (!Files.isSymbolicLink(target) && !Files.isRegularFile(target)) {
          return "exists and is not a regular file";
        }
      }
      Path dir = target.getParent();
      while (dir != null && !Files.exists(dir)) {
        dir = dir.getParent();
      }
      if (dir == null || !dir.toRealPath().startsWith(realBase)) {
        return "is in a folder that leads out of the config folder (a symlink)";
      }
      return null;
    } catch (IOException e) {
      return "cannot be checked: " + e.getMessage();
    }
  }

  /** A key as it may be logged and reported: control characters escaped. */
  static String printable(String key) {
    StringBuilder sb = new StringBuilder();
    key.codePoints()
        .limit(300)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", c));
              } else {
                sb.appendCodePoint(c);
              }
            });
    return sb.toString();
  }
}

package dev.flotilla.fluentconfig.generate;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Extracts regular files from a {@code .tar.gz} (ustar and GNU long names), nothing more. */
final class TarGz {
  private TarGz() {}

  static void extract(Path archive, Path into) throws IOException {
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)))) {
      byte[] header = new byte[512];
      String longName = null;
      while (in.readNBytes(header, 0, 512) == 512) {
        if (header[0] == 0) {
          break;
        }
        String name = longName != null ? longName : field(header, 0, 100);
        longName = null;
        String prefix = field(header, 345, 155);
        if (!prefix.isEmpty() && header[156] != 'L') {
          name = prefix + "/" + name;
        }
        long size =
            Long.parseLong(
                field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
        byte type = header[156];
        byte[] body = in.readNBytes((int) size);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'L') {
          longName = new String(body, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (type != '0' && type != 0) {
          continue;
        }
        Path target = into.resolve(name).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("archive entry escapes the target: " + name);
        }
        Files.createDirectories(target.getParent());
        Files.write(target, body);
      }
    }
  }

  private static String field(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}

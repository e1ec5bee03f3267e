package dev.flotilla.catalog.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Bytes to a {@link SourceFile}: UTF-8 or an error, never a crash. */
final class Texts {
  private Texts() {}

  static SourceFile decode(String path, byte[] bytes, Instant modified) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      if (text.indexOf('\0') >= 0) {
        return SourceFile.failed(path, "binary file (contains NUL bytes)", bytes.length, modified);
      }
      return SourceFile.text(path, text, bytes.length, modified);
    } catch (CharacterCodingException e) {
      return SourceFile.failed(path, "not UTF-8 text", bytes.length, modified);
    }
  }

  static SourceFile tooLarge(String path, long size, Limits limits, Instant modified) {
    return SourceFile.failed(
        path,
        "larger than the catalog's cap of " + limits.maxFileBytes() + " bytes",
        size,
        modified);
  }
}

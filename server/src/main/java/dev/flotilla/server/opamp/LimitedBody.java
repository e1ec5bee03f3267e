package dev.flotilla.server.opamp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/** Reads request bodies with a cap that applies after decompression (no gzip bombs). */
final class LimitedBody {
  private LimitedBody() {}

  /** The body was larger than the cap. */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("message is larger than the limit of " + limit + " bytes");
    }
  }

  /** The body claimed gzip but is not. */
  static final class BadEncoding extends IOException {
    BadEncoding(String message) {
      super(message);
    }
  }

  static byte[] read(InputStream raw, boolean gzip, long limit) throws IOException {
    InputStream in = raw;
    if (gzip) {
      try {
        in = new GZIPInputStream(raw, 8192);
      } catch (ZipException | java.io.EOFException e) {
        throw new BadEncoding(
            "Content-Encoding is gzip but the body is not gzip: " + e.getMessage());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > limit) {
          throw new TooLarge(limit);
        }
        out.write(buffer, 0, n);
      }
    } catch (ZipException | java.io.EOFException e) {
      throw new BadEncoding("corrupt gzip body: " + e.getMessage());
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}

package io.cronium.operator.naming;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash that keeps object names derived from longer or arbitrary text short and distinct. */
public final class NameHash {

  private NameHash() {}

  /** SHA-256 of the text's UTF-8 bytes, in lowercase hex (64 characters, valid in any name). */
  public static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}

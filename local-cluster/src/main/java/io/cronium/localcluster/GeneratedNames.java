package io.cronium.localcluster;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** Names for objects created with generateName: the prefix and five random characters, as the API server. */
final class GeneratedNames {

  /** The API server's alphabet for these suffixes (no vowels, no look-alike characters). */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private GeneratedNames() {
  }

  static String next(String generateName, Predicate<String> taken) {
    String name;
    do {
      StringBuilder candidate = new StringBuilder(generateName);
      for (int i = 0; i < 5; i++) {
        candidate.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
      }
      name = candidate.toString();
    } while (taken.test(name));
    return name;
  }
}

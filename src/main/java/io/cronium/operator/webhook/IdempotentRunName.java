package io.cronium.operator.webhook;

import io.cronium.operator.naming.NameHash;

/**
 * The name of the run a delivery with an {@code Idempotency-Key} starts. The same Event and key
 * always give the same name, so a redelivery, to any replica and after any restart, gets the API
 * server's AlreadyExists instead of a second run; no replica has to remember keys.
 */
final class IdempotentRunName {

  /** Run names stay valid label values, as the scheduler's do. */
  static final int MAX_NAME_LENGTH = 63;
  /** 64 bits of the key's hash when the Event's name leaves room; 36 for the longest (52). */
  static final int MAX_HASH_DIGITS = 16;
  /**
   * Sets these names apart from the scheduler's ({@code <event>-<digits>}), the API server's
   * generated ones ({@code <event>-<5 characters>}) and chained runs' ({@code <run>-a<index>}).
   */
  private static final String MARK = "-w";

  private IdempotentRunName() {}

  static String of(String eventName, String idempotencyKey) {
    int digits = Math.min(MAX_HASH_DIGITS, MAX_NAME_LENGTH - eventName.length() - MARK.length());
    return eventName + MARK + NameHash.sha256Hex(idempotencyKey).substring(0, digits);
  }
}

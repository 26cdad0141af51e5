package io.cronium.operator.jobrun;

/** The output chunks in a run's log cannot be put back together; the message says why. */
final class UnreadableOutputException extends RuntimeException {

  UnreadableOutputException(String reason) {
    super(reason);
  }
}

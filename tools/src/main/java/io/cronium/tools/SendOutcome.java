package io.cronium.tools;

/**
 * How a send ended: accepted by the tool, or failed with a {@link SendReasons reason} and a
 * message that names the tool Secret but never a value from it.
 */
public record SendOutcome(boolean sent, String reason, String message) {

  public static SendOutcome sent(String message) {
    return new SendOutcome(true, null, message);
  }

  public static SendOutcome failed(String reason, String message) {
    return new SendOutcome(false, reason, message);
  }
}

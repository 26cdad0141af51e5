package io.cronium.operator.action.tool;

/** How a send ended: accepted by the tool, or failed with a reason and a value-free message. */
public record SendOutcome(boolean sent, String reason, String message) {

  public static SendOutcome sent(String message) {
    return new SendOutcome(true, null, message);
  }

  public static SendOutcome failed(String reason, String message) {
    return new SendOutcome(false, reason, message);
  }
}

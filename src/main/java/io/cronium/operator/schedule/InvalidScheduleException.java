package io.cronium.operator.schedule;

/**
 * A schedule, interval or time zone that cannot be used. The message is written for the user: it
 * names the offending field and value and says what is allowed, so it can go into the Event's
 * status condition unchanged.
 *
 * <p>Unchecked because it reports bad user input, not a failure the caller can retry; the
 * reconciler catches it once, where it turns spec errors into a status condition.
 */
public class InvalidScheduleException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidScheduleException(String message) {
    super(message);
  }
}

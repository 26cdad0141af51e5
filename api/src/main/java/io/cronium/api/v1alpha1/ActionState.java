package io.cronium.api.v1alpha1;

/** Where one action of one finished run stands. */
public enum ActionState {
  /** Due: taken from the Event's spec.actions when the run ended, not carried out yet. */
  Pending,
  /** runEvent: the next JobRun exists. */
  Created,
  /** The action did not fire (see reason: a cycle, a missing target). */
  Skipped,
  /** notify: recorded before sending; a send in progress or cut short by a restart. */
  Sending,
  /** notify: the tool accepted the message. */
  Sent,
  /** The action could not be carried out; see reason and message. */
  Failed,
  /** notify: the operator stopped while sending; not resent, as sends are not idempotent. */
  Unknown;

  public boolean isFinal() {
    return this != Pending && this != Sending;
  }
}

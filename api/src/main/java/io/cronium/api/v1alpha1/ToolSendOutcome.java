package io.cronium.api.v1alpha1;

/** How one of a script's sends ended. */
public enum ToolSendOutcome {
  /** The tool accepted the message. */
  Sent,
  /** Refused before sending (see the reason) or not accepted by the tool. */
  Failed
}

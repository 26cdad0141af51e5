package io.cronium.api.v1alpha1;

import io.cronium.tools.SendReasons;

/**
 * Reasons in JobRun status.actions and in the Event's ActionsValid and ToolsValid conditions.
 * Each has an entry in docs/troubleshooting.md.
 */
public final class ActionReasons {

  /** runEvent: the next JobRun was created. */
  public static final String RUN_CREATED = "RunCreated";
  /** notify: the tool accepted the message. */
  public static final String NOTIFICATION_SENT = "NotificationSent";
  /** notify: the operator stopped mid-send; the message may or may not have gone out. */
  public static final String NOTIFICATION_OUTCOME_UNKNOWN = "NotificationOutcomeUnknown";
  /** notify: the tool refused the message, timed out or could not be reached. */
  public static final String NOTIFICATION_FAILED = SendReasons.NOTIFICATION_FAILED;
  /** The action's runEvent target is part of a cycle of runEvent actions. */
  public static final String ACTION_CYCLE = "ActionCycle";
  /** The action's runEvent target Event does not exist. */
  public static final String ACTION_TARGET_NOT_FOUND = "ActionTargetNotFound";
  /** ActionsValid=True: every runEvent target exists and no chain loops. */
  public static final String ACTIONS_VALID = "Valid";
  /** notify: the tool Secret does not exist or is not labelled as a tool. */
  public static final String TOOL_NOT_FOUND = SendReasons.TOOL_NOT_FOUND;
  /** notify / ToolsValid=False: the tool Secret is in a bad format; see the message. */
  public static final String INVALID_TOOL = SendReasons.INVALID_TOOL;
  /** notify: the tool's target is a private, loopback or link-local address. */
  public static final String TARGET_NOT_ALLOWED = SendReasons.TARGET_NOT_ALLOWED;
  /** ToolsValid=True: every tool Secret the Event's actions use is well-formed. */
  public static final String TOOLS_VALID = "Valid";

  private ActionReasons() {}
}

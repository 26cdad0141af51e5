package io.cronium.tools;

/**
 * Why a send did not happen, as CamelCase reasons: notify actions put them in JobRun
 * status.actions, script sends in status.sends (docs/troubleshooting.md has each).
 */
public final class SendReasons {

  /** The tool refused the message, timed out or could not be reached. */
  public static final String NOTIFICATION_FAILED = "NotificationFailed";
  /** The tool's target is a private, loopback or link-local address. */
  public static final String TARGET_NOT_ALLOWED = "TargetNotAllowed";
  /** The tool Secret does not exist or is not labelled as a tool. */
  public static final String TOOL_NOT_FOUND = "ToolNotFound";
  /** The tool Secret is in a bad format; the message says which field and why. */
  public static final String INVALID_TOOL = "InvalidTool";
  /** A script asked for a tool its Event does not list in spec.tools. */
  public static final String TOOL_NOT_LISTED = "ToolNotListed";
  /** A script's message cannot be sent as asked (a malformed address, a tool of another type). */
  public static final String INVALID_MESSAGE = "InvalidMessage";

  private SendReasons() {}
}

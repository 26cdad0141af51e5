package io.cronium.tools;

import java.util.List;

/**
 * One message to send through a tool.
 *
 * @param subject the email subject; a first line elsewhere (may be null or empty)
 * @param text the message itself
 * @param to recipients for email; empty sends to the tool Secret's {@code to}
 * @param cc email only
 * @param bcc email only
 * @param channel Slack only: the channel to post in instead of the webhook's own (null keeps it)
 */
public record ToolMessage(String subject, String text, List<String> to, List<String> cc, List<String> bcc,
    String channel) {

  public ToolMessage {
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    bcc = List.copyOf(bcc);
  }

  /** A message to the tool's own recipients: what notify actions send. */
  public static ToolMessage of(String subject, String text) {
    return new ToolMessage(subject, text, List.of(), List.of(), List.of(), null);
  }
}

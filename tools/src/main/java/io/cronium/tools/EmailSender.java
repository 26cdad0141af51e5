package io.cronium.tools;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.Address;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Sends a message through an email tool's SMTP server (Angus Mail), once, with timeouts. */
final class EmailSender {

  private final Duration connectTimeout;
  private final Duration requestTimeout;

  EmailSender(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
  }

  /** Sends through the SMTP server at {@code address}, which the guard resolved from the tool's host. */
  SendOutcome send(Tool tool, InetAddress address, ToolMessage content) {
    Session session = Session.getInstance(properties(tool, new PinnedSocketFactory(address)));
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(tool.field("from")));
      message.setRecipients(Message.RecipientType.TO, content.to().isEmpty()
          ? InternetAddress.parse(tool.field("to"))
          : addresses(content.to()));
      message.setRecipients(Message.RecipientType.CC, addresses(content.cc()));
      message.setRecipients(Message.RecipientType.BCC, addresses(content.bcc()));
      message.setSubject(content.subject() == null ? "" : content.subject(), "UTF-8");
      message.setText(content.text(), "UTF-8");
      Transport.send(message, tool.field("username"), tool.field("password"));
      return SendOutcome.sent("sent through tool \"" + tool.secretName() + "\" (SMTP)");
    } catch (MessagingException e) {
      // The exception text can quote server replies; the class names the kind of failure.
      return SendOutcome.failed(SendReasons.NOTIFICATION_FAILED,
          "tool \"" + tool.secretName() + "\": the SMTP server did not accept the message ("
              + e.getClass().getSimpleName() + ")");
    }
  }

  private static Address[] addresses(List<String> recipients) throws AddressException {
    Address[] addresses = new Address[recipients.size()];
    for (int i = 0; i < addresses.length; i++) {
      addresses[i] = new InternetAddress(recipients.get(i).strip());
    }
    return addresses;
  }

  private Properties properties(Tool tool, PinnedSocketFactory pinned) {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", tool.field("host").strip());
    // Both connect through the checked address; with TLS the handshake is layered on that socket
    // and still checks the certificate against the host name.
    properties.put("mail.smtp.socketFactory", pinned);
    properties.put("mail.smtp.ssl.socketFactory", pinned);
    properties.put("mail.smtp.socketFactory.fallback", "false");
    properties.put("mail.smtp.port", tool.field("port").strip());
    properties.put("mail.smtp.auth", "true");
    properties.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
    properties.put("mail.smtp.timeout", Long.toString(requestTimeout.toMillis()));
    properties.put("mail.smtp.writetimeout", Long.toString(requestTimeout.toMillis()));
    switch (tool.fields().getOrDefault("tls", ToolSecrets.DEFAULT_TLS)) {
      case "tls" -> {
        properties.put("mail.smtp.ssl.enable", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      case "starttls" -> {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
      }
      default -> { }
    }
    return properties;
  }
}

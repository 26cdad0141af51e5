package io.cronium.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a tool Secret against its type's credential schema, from its name, its
 * {@value #TYPE_LABEL} label and its decoded fields: the operator has them from the API, a job
 * Pod from the Secret's mounted files and the label the operator copied into the run spec. A
 * problem message names the Secret, the field and what is expected; it never quotes a value, as
 * any field may be a credential.
 */
public final class ToolSecrets {

  /** The label that marks a Secret as a tool, with the tool type as its value. */
  public static final String TYPE_LABEL = "cronium.io/tool-type";

  /**
   * The fields that hold credentials (webhook URLs carry their token in the path): a run masks
   * their values wherever it could show them. Hosts, ports, user names and addresses are left
   * readable.
   */
  public static final Set<String> CREDENTIAL_FIELDS = Set.of("url", "password", "hmacSecret", "headers");

  /** Email without a tls field upgrades the connection: credentials never go in the clear. */
  static final String DEFAULT_TLS = "starttls";
  static final Set<String> TLS_MODES = Set.of("none", "starttls", "tls");
  private static final String ADDRESS = "[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolSecrets() {}

  /**
   * The tool, or the first problem that keeps the Secret from being one.
   *
   * @param label the Secret's {@value #TYPE_LABEL} label, null when it has none
   */
  public static Result read(String name, String label, Map<String, String> fields) {
    if (label == null) {
      return problem(name, "Secret \"" + name + "\" has no " + TYPE_LABEL + " label; expected one of"
          + " slack, discord, email, webhook");
    }
    Optional<ToolType> type = ToolType.of(label);
    if (type.isEmpty()) {
      return problem(name, "Secret \"" + name + "\": label " + TYPE_LABEL
          + " must be one of slack, discord, email, webhook");
    }
    Optional<String> problem = switch (type.get()) {
      case slack -> httpsUrl(name, fields, List.of("hooks.slack.com"), "/services/");
      case discord -> httpsUrl(name, fields, List.of("discord.com", "discordapp.com"), "/api/webhooks/");
      case email -> email(name, fields);
      case webhook -> webhook(name, fields);
    };
    return problem.map(message -> problem(name, message))
        .orElseGet(() -> new Result(Optional.of(new Tool(name, type.get(), Map.copyOf(fields))), Optional.empty()));
  }

  /** Why a send found no tool: the Secret does not exist (or, to a job Pod, was not there when it started). */
  public static String notFound(String name, String namespace) {
    return "tool Secret \"" + name + "\" not found in namespace \"" + namespace + "\"";
  }

  /** Whether {@code text} is one email address, as a tool's {@code from} and {@code to} must be. */
  public static boolean isEmailAddress(String text) {
    return text != null && text.strip().matches(ADDRESS);
  }

  /** Either a tool or the problem with the Secret. */
  public record Result(Optional<Tool> tool, Optional<String> problem) {}

  private static Result problem(String secret, String message) {
    return new Result(Optional.empty(), Optional.of(message));
  }

  private static Optional<String> httpsUrl(
      String secret, Map<String, String> fields, List<String> hosts, String pathPrefix) {
    Optional<String> missing = required(secret, fields, "url");
    if (missing.isPresent()) {
      return missing;
    }
    Optional<URI> uri = uri(fields.get("url"));
    String expected = "an https URL on " + String.join(" or ", hosts) + " under " + pathPrefix;
    if (uri.isEmpty() || !"https".equalsIgnoreCase(uri.get().getScheme())
        || uri.get().getHost() == null
        || !hosts.contains(uri.get().getHost().toLowerCase(Locale.ROOT))
        || uri.get().getPath() == null || !uri.get().getPath().startsWith(pathPrefix)) {
      return Optional.of(field(secret, "url", "must be " + expected));
    }
    return Optional.empty();
  }

  private static Optional<String> email(String secret, Map<String, String> fields) {
    for (String key : List.of("host", "port", "username", "password", "from", "to")) {
      Optional<String> missing = required(secret, fields, key);
      if (missing.isPresent()) {
        return missing;
      }
    }
    if (!fields.get("host").matches("[A-Za-z0-9.-]+")) {
      return Optional.of(field(secret, "host", "must be a host name or IP address"));
    }
    String port = fields.get("port").strip();
    if (!port.matches("[0-9]{1,5}")) {
      return Optional.of(field(secret, "port", "must be a number from 1 to 65535"));
    }
    int number = Integer.parseInt(port);
    if (number < 1 || number > 65535) {
      return Optional.of(field(secret, "port", "must be a number from 1 to 65535"));
    }
    if (!isEmailAddress(fields.get("from"))) {
      return Optional.of(field(secret, "from", "must be an email address like cronium@example.org"));
    }
    for (String recipient : fields.get("to").split(",")) {
      if (!isEmailAddress(recipient)) {
        return Optional.of(field(secret, "to", "must be one or more email addresses, separated by commas"));
      }
    }
    String tls = fields.getOrDefault("tls", DEFAULT_TLS);
    if (!TLS_MODES.contains(tls)) {
      return Optional.of(field(secret, "tls", "must be one of none, starttls, tls"));
    }
    return Optional.empty();
  }

  private static Optional<String> webhook(String secret, Map<String, String> fields) {
    Optional<String> missing = required(secret, fields, "url");
    if (missing.isPresent()) {
      return missing;
    }
    Optional<URI> uri = uri(fields.get("url"));
    if (uri.isEmpty() || uri.get().getHost() == null
        || !Set.of("http", "https").contains(String.valueOf(uri.get().getScheme()).toLowerCase(Locale.ROOT))) {
      return Optional.of(field(secret, "url", "must be an http or https URL"));
    }
    if (fields.containsKey("hmacSecret") && fields.get("hmacSecret").isEmpty()) {
      return Optional.of(field(secret, "hmacSecret", "must not be empty when present"));
    }
    if (fields.containsKey("headers")) {
      try {
        JsonNode headers = JSON.readTree(fields.get("headers"));
        if (headers == null || !headers.isObject()) {
          return Optional.of(field(secret, "headers", "must be a JSON object of header names to values"));
        }
      } catch (JsonProcessingException e) {
        return Optional.of(field(secret, "headers", "must be a JSON object of header names to values"));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> required(String secret, Map<String, String> fields, String key) {
    String value = fields.get(key);
    return value == null || value.isBlank()
        ? Optional.of(field(secret, key, "is required and must not be empty"))
        : Optional.empty();
  }

  private static String field(String secret, String key, String expectation) {
    return "Secret \"" + secret + "\": field " + key + " " + expectation;
  }

  private static Optional<URI> uri(String text) {
    try {
      return Optional.of(new URI(text.strip()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}

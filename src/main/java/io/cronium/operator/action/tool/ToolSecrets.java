package io.cronium.operator.action.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a tool Secret and checks it against its type's credential schema. A problem message
 * names the Secret, the field and what is expected; it never quotes a value, as any field may
 * be a credential.
 */
public final class ToolSecrets {

  /** The label that marks a Secret as a tool, with the tool type as its value. */
  public static final String TYPE_LABEL = "cronium.io/tool-type";

  /** Email without a tls field upgrades the connection: credentials never go in the clear. */
  static final String DEFAULT_TLS = "starttls";
  static final Set<String> TLS_MODES = Set.of("none", "starttls", "tls");
  private static final String ADDRESS = "[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ToolSecrets() {}

  /** The tool, or the first problem that keeps the Secret from being one. */
  public static Result read(Secret secret) {
    String name = secret.getMetadata().getName();
    Map<String, String> labels = secret.getMetadata().getLabels();
    String label = labels == null ? null : labels.get(TYPE_LABEL);
    if (label == null) {
      return problem(name, "Secret \"" + name + "\" has no " + TYPE_LABEL + " label; expected one of"
          + " slack, discord, email, webhook");
    }
    Optional<ToolType> type = ToolType.of(label);
    if (type.isEmpty()) {
      return problem(name, "Secret \"" + name + "\": label " + TYPE_LABEL
          + " must be one of slack, discord, email, webhook");
    }
    Map<String, String> fields = decode(secret);
    Optional<String> problem = switch (type.get()) {
      case slack -> httpsUrl(name, fields, List.of("hooks.slack.com"), "/services/");
      case discord -> httpsUrl(name, fields, List.of("discord.com", "discordapp.com"), "/api/webhooks/");
      case email -> email(name, fields);
      case webhook -> webhook(name, fields);
    };
    return problem.map(message -> problem(name, message))
        .orElseGet(() -> new Result(Optional.of(new Tool(name, type.get(), fields)), Optional.empty()));
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
    if (!fields.get("from").strip().matches(ADDRESS)) {
      return Optional.of(field(secret, "from", "must be an email address like cronium@example.org"));
    }
    for (String recipient : fields.get("to").split(",")) {
      if (!recipient.strip().matches(ADDRESS)) {
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

  /** data (base64) and stringData, as the API server would merge them. */
  private static Map<String, String> decode(Secret secret) {
    Map<String, String> fields = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((key, value) ->
          fields.put(key, new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      fields.putAll(secret.getStringData());
    }
    return fields;
  }
}

package io.cronium.operator.action.tool;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{a.b.c}}} placeholders from a JSON model of the run. Only plain lookups:
 * no sections, partials or lambdas, so a template can neither run code nor read beyond the
 * model. Unknown names render empty; object values render as JSON.
 */
public final class MessageRenderer {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)\\s*}}");

  private MessageRenderer() {}

  public static String render(String template, JsonNode model) {
    if (template == null) {
      return "";
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder rendered = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(rendered, Matcher.quoteReplacement(lookup(model, matcher.group(1))));
    }
    matcher.appendTail(rendered);
    return rendered.toString();
  }

  private static String lookup(JsonNode model, String path) {
    JsonNode node = model;
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}

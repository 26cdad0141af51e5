package io.cronium.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads {@code CRONIUM_RUN_SPEC} into a {@link RunSpec}. Validation is done by hand rather than by
 * data binding so that every problem becomes one plain sentence naming the field.
 * Unknown fields are ignored so that a newer operator can add some.
 */
final class RunSpecParser {

    static final String ENV_NAME = "CRONIUM_RUN_SPEC";
    private static final Pattern HTTP_METHOD = Pattern.compile("[A-Za-z]{1,20}");

    RunSpec parse(String json) throws InvalidSpecException {
        if (json == null || json.isBlank()) {
            throw new InvalidSpecException(ENV_NAME + " is not set");
        }
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new InvalidSpecException(ENV_NAME + " must be a JSON object");
        }
        String executionId = requiredText(root, "executionId");
        RunType type = parseType(root);
        String script = null;
        HttpSpec http = null;
        if (type.isScript()) {
            script = requiredField(root, "script", JsonNode::isTextual, "a string").asText();
        } else {
            http = parseHttp(requiredField(root, "http", JsonNode::isObject, "an object"));
        }
        JsonNode input = root.path("input").isMissingNode() ? NullNode.getInstance() : root.get("input");
        JsonNode event = isAbsent(root.get("event")) ? JsonNodeFactory.instance.objectNode() : root.get("event");
        return new RunSpec(executionId, type, script, http, input, event, optionalSeconds(root, "timeoutSeconds", ""));
    }

    private static JsonNode readTree(String json) throws InvalidSpecException {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException(ENV_NAME + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static RunType parseType(JsonNode root) throws InvalidSpecException {
        String name = requiredText(root, "type");
        return RunType.fromName(name).orElseThrow(() -> new InvalidSpecException(
                "type must be one of " + RunType.allNames() + ", not \"" + name + "\""));
    }

    private static HttpSpec parseHttp(JsonNode http) throws InvalidSpecException {
        String method = "GET";
        if (!isAbsent(http.get("method"))) {
            method = requiredField(http, "method", JsonNode::isTextual, "a string", "http.").asText();
            if (!HTTP_METHOD.matcher(method).matches()) {
                throw new InvalidSpecException("http.method \"" + method + "\" is not an HTTP method");
            }
            method = method.toUpperCase(Locale.ROOT);
        }
        URI url = parseUrl(requiredField(http, "url", JsonNode::isTextual, "a string", "http.").asText());
        String body = null;
        if (!isAbsent(http.get("body"))) {
            body = requiredField(http, "body", JsonNode::isTextual, "a string", "http.").asText();
        }
        return new HttpSpec(method, url, parseHeaders(http.get("headers")), body,
                optionalSeconds(http, "timeoutSeconds", "http."), parseStatusCodes(http.get("acceptedStatusCodes")));
    }

    private static URI parseUrl(String text) throws InvalidSpecException {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new InvalidSpecException("http.url must be an absolute http or https URL, not \"" + text + "\"");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidSpecException("http.url is not a valid URL: " + e.getMessage());
        }
    }

    private static List<HttpSpec.Header> parseHeaders(JsonNode headers) throws InvalidSpecException {
        List<HttpSpec.Header> result = new ArrayList<>();
        if (isAbsent(headers)) {
            return result;
        }
        if (!headers.isArray()) {
            throw new InvalidSpecException("http.headers must be an array");
        }
        for (int i = 0; i < headers.size(); i++) {
            JsonNode header = headers.get(i);
            String where = "http.headers[" + i + "]";
            if (!header.isObject()) {
                throw new InvalidSpecException(where + " must be an object");
            }
            String name = requiredField(header, "name", JsonNode::isTextual, "a string", where + ".").asText();
            boolean hasValue = !isAbsent(header.get("value"));
            boolean hasEnv = !isAbsent(header.get("valueFromEnv"));
            if (hasValue == hasEnv) {
                throw new InvalidSpecException(where + " (" + name + ") needs exactly one of value and valueFromEnv");
            }
            String value = hasValue ? requiredField(header, "value", JsonNode::isTextual, "a string", where + ".").asText() : null;
            String env = hasEnv ? requiredField(header, "valueFromEnv", JsonNode::isTextual, "a string", where + ".").asText() : null;
            result.add(new HttpSpec.Header(name, value, env));
        }
        return result;
    }

    private static Set<Integer> parseStatusCodes(JsonNode codes) throws InvalidSpecException {
        Set<Integer> result = new LinkedHashSet<>();
        if (isAbsent(codes)) {
            return result;
        }
        if (!codes.isArray()) {
            throw new InvalidSpecException("http.acceptedStatusCodes must be an array of status codes");
        }
        for (JsonNode code : codes) {
            if (!code.canConvertToExactIntegral() || code.asInt() < 100 || code.asInt() > 599) {
                throw new InvalidSpecException("http.acceptedStatusCodes contains " + code + ", which is not a status code (100-599)");
            }
            result.add(code.asInt());
        }
        return result;
    }

    /** A positive number of seconds; absent, null and 0 all mean "no limit". */
    private static Optional<Duration> optionalSeconds(JsonNode parent, String field, String prefix) throws InvalidSpecException {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return Optional.empty();
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || node.asLong() < 0) {
            throw new InvalidSpecException(prefix + field + " must be a whole number of seconds >= 0, not " + node);
        }
        return node.asLong() == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(node.asLong()));
    }

    private static String requiredText(JsonNode parent, String field) throws InvalidSpecException {
        String text = requiredField(parent, field, JsonNode::isTextual, "a string").asText();
        if (text.isBlank()) {
            throw new InvalidSpecException(field + " must not be empty");
        }
        return text;
    }

    private static JsonNode requiredField(JsonNode parent, String field, Predicate<JsonNode> kind,
            String kindName) throws InvalidSpecException {
        return requiredField(parent, field, kind, kindName, "");
    }

    private static JsonNode requiredField(JsonNode parent, String field, Predicate<JsonNode> kind,
            String kindName, String prefix) throws InvalidSpecException {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            throw new InvalidSpecException(prefix + field + " is required");
        }
        if (!kind.test(node)) {
            throw new InvalidSpecException(prefix + field + " must be " + kindName);
        }
        return node;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}

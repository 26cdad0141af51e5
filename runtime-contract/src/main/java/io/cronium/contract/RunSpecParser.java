package io.cronium.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads {@link RuntimeEnv#RUN_SPEC} into a {@link RunSpec}. Validation is done by hand rather than
 * by data binding so that every problem becomes one plain sentence naming the field.
 * Unknown fields are ignored so that a newer operator can add some.
 */
public final class RunSpecParser {

    private static final Pattern HTTP_METHOD = Pattern.compile("[A-Za-z]{1,20}");

    private RunSpecParser() {
    }

    public static RunSpec parse(String json) throws InvalidRunSpecException {
        if (json == null || json.isBlank()) {
            throw new InvalidRunSpecException(RuntimeEnv.RUN_SPEC + " is not set");
        }
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new InvalidRunSpecException(RuntimeEnv.RUN_SPEC + " must be a JSON object");
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
        return new RunSpec(executionId, type, script, http, root.get("input"), root.get("event"),
                optionalSeconds(root, "timeoutSeconds", ""), parseTools(root.get("tools")),
                root.path("allowPrivateTargets").asBoolean(false));
    }

    private static List<ToolGrant> parseTools(JsonNode tools) throws InvalidRunSpecException {
        List<ToolGrant> result = new ArrayList<>();
        if (isAbsent(tools)) {
            return result;
        }
        if (!tools.isArray()) {
            throw new InvalidRunSpecException("tools must be an array");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String where = "tools[" + i + "].";
            if (!tool.isObject()) {
                throw new InvalidRunSpecException("tools[" + i + "] must be an object");
            }
            String name = requiredField(tool, "name", JsonNode::isTextual, "a string", where).asText();
            String type = isAbsent(tool.get("type"))
                    ? null
                    : requiredField(tool, "type", JsonNode::isTextual, "a string", where).asText();
            result.add(new ToolGrant(name, type));
        }
        return result;
    }

    private static JsonNode readTree(String json) throws InvalidRunSpecException {
        try {
            return WireJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRunSpecException(RuntimeEnv.RUN_SPEC + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static RunType parseType(JsonNode root) throws InvalidRunSpecException {
        String name = requiredText(root, "type");
        return RunType.fromName(name).orElseThrow(() -> new InvalidRunSpecException(
                "type must be one of " + RunType.allNames() + ", not \"" + name + "\""));
    }

    private static HttpSpec parseHttp(JsonNode http) throws InvalidRunSpecException {
        String method = "GET";
        if (!isAbsent(http.get("method"))) {
            method = requiredField(http, "method", JsonNode::isTextual, "a string", "http.").asText();
            if (!HTTP_METHOD.matcher(method).matches()) {
                throw new InvalidRunSpecException("http.method \"" + method + "\" is not an HTTP method");
            }
            method = method.toUpperCase(Locale.ROOT);
        }
        String url = requiredField(http, "url", JsonNode::isTextual, "a string", "http.").asText();
        checkUrl(url);
        String body = null;
        if (!isAbsent(http.get("body"))) {
            body = requiredField(http, "body", JsonNode::isTextual, "a string", "http.").asText();
        }
        return new HttpSpec(method, url, parseHeaders(http.get("headers")), body,
                optionalSeconds(http, "timeoutSeconds", "http."), parseStatusCodes(http.get("acceptedStatusCodes")));
    }

    private static void checkUrl(String text) throws InvalidRunSpecException {
        try {
            URI url = new URI(text);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new InvalidRunSpecException("http.url must be an absolute http or https URL, not \"" + text + "\"");
            }
        } catch (URISyntaxException e) {
            throw new InvalidRunSpecException("http.url is not a valid URL: " + e.getMessage());
        }
    }

    private static List<HttpSpec.Header> parseHeaders(JsonNode headers) throws InvalidRunSpecException {
        List<HttpSpec.Header> result = new ArrayList<>();
        if (isAbsent(headers)) {
            return result;
        }
        if (!headers.isArray()) {
            throw new InvalidRunSpecException("http.headers must be an array");
        }
        for (int i = 0; i < headers.size(); i++) {
            JsonNode header = headers.get(i);
            String where = "http.headers[" + i + "]";
            if (!header.isObject()) {
                throw new InvalidRunSpecException(where + " must be an object");
            }
            String name = requiredField(header, "name", JsonNode::isTextual, "a string", where + ".").asText();
            boolean hasValue = !isAbsent(header.get("value"));
            boolean hasEnv = !isAbsent(header.get("valueFromEnv"));
            if (hasValue == hasEnv) {
                throw new InvalidRunSpecException(where + " (" + name + ") needs exactly one of value and valueFromEnv");
            }
            String value = hasValue ? requiredField(header, "value", JsonNode::isTextual, "a string", where + ".").asText() : null;
            String env = hasEnv ? requiredField(header, "valueFromEnv", JsonNode::isTextual, "a string", where + ".").asText() : null;
            result.add(new HttpSpec.Header(name, value, env));
        }
        return result;
    }

    private static List<Integer> parseStatusCodes(JsonNode codes) throws InvalidRunSpecException {
        List<Integer> result = new ArrayList<>();
        if (isAbsent(codes)) {
            return result;
        }
        if (!codes.isArray()) {
            throw new InvalidRunSpecException("http.acceptedStatusCodes must be an array of status codes");
        }
        for (JsonNode code : codes) {
            if (!code.canConvertToExactIntegral() || code.asInt() < 100 || code.asInt() > 599) {
                throw new InvalidRunSpecException("http.acceptedStatusCodes contains " + code + ", which is not a status code (100-599)");
            }
            result.add(code.asInt());
        }
        return result;
    }

    /** A whole number of seconds; absent and null read as null, which like 0 means "no limit". */
    private static Integer optionalSeconds(JsonNode parent, String field, String prefix) throws InvalidRunSpecException {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt() || node.asInt() < 0) {
            throw new InvalidRunSpecException(prefix + field + " must be a whole number of seconds >= 0, not " + node);
        }
        return node.asInt();
    }

    private static String requiredText(JsonNode parent, String field) throws InvalidRunSpecException {
        String text = requiredField(parent, field, JsonNode::isTextual, "a string").asText();
        if (text.isBlank()) {
            throw new InvalidRunSpecException(field + " must not be empty");
        }
        return text;
    }

    private static JsonNode requiredField(JsonNode parent, String field, Predicate<JsonNode> kind,
            String kindName) throws InvalidRunSpecException {
        return requiredField(parent, field, kind, kindName, "");
    }

    private static JsonNode requiredField(JsonNode parent, String field, Predicate<JsonNode> kind,
            String kindName, String prefix) throws InvalidRunSpecException {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            throw new InvalidRunSpecException(prefix + field + " is required");
        }
        if (!kind.test(node)) {
            throw new InvalidRunSpecException(prefix + field + " must be " + kindName);
        }
        return node;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}

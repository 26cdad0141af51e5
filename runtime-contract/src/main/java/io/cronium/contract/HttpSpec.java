package io.cronium.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The request of an HTTP run, the run spec's {@code http} object.
 *
 * @param url an absolute http or https URL once {@link RunSpecParser} has accepted it
 * @param body the request body, null for none
 * @param timeoutSeconds null or 0 when the request itself has no time limit
 * @param acceptedStatusCodes empty means the default, 200–399
 */
public record HttpSpec(
        String method,
        String url,
        List<Header> headers,
        String body,
        Integer timeoutSeconds,
        List<Integer> acceptedStatusCodes) {

    public HttpSpec {
        headers = List.copyOf(headers);
        acceptedStatusCodes = List.copyOf(acceptedStatusCodes);
    }

    public URI uri() {
        return URI.create(url);
    }

    public Optional<Duration> timeout() {
        return RunSpec.seconds(timeoutSeconds);
    }

    public boolean accepts(int status) {
        return acceptedStatusCodes.isEmpty() ? status >= 200 && status <= 399 : acceptedStatusCodes.contains(status);
    }

    public String describeAccepted() {
        return acceptedStatusCodes.isEmpty() ? "200-399" : acceptedStatusCodes.toString();
    }

    ObjectNode toJson() {
        ObjectNode http = JsonNodeFactory.instance.objectNode();
        http.put("method", method);
        http.put("url", url);
        ArrayNode headerNodes = http.putArray("headers");
        headers.forEach(header -> headerNodes.add(header.toJson()));
        http.put("body", body);
        http.put("timeoutSeconds", timeoutSeconds);
        ArrayNode accepted = http.putArray("acceptedStatusCodes");
        acceptedStatusCodes.forEach(accepted::add);
        return http;
    }

    /**
     * A header with either a literal value or, for a Secret, the name of the env var holding it
     * ({@link RuntimeEnv#httpHeader}).
     */
    public record Header(String name, String value, String valueFromEnv) {

        public static Header literal(String name, String value) {
            return new Header(name, value, null);
        }

        public static Header fromEnv(String name, String envName) {
            return new Header(name, null, envName);
        }

        private ObjectNode toJson() {
            ObjectNode header = JsonNodeFactory.instance.objectNode().put("name", name);
            if (valueFromEnv != null) {
                header.put("valueFromEnv", valueFromEnv);
            } else {
                header.put("value", value);
            }
            return header;
        }
    }
}

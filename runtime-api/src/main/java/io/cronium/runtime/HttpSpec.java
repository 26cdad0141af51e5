package io.cronium.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The request of an HTTP run.
 *
 * @param body the request body, null for none
 * @param timeout empty when the request itself has no time limit
 * @param acceptedStatusCodes empty means the default, 200–399
 */
record HttpSpec(
        String method,
        URI url,
        List<Header> headers,
        String body,
        Optional<Duration> timeout,
        Set<Integer> acceptedStatusCodes) {

    boolean accepts(int status) {
        return acceptedStatusCodes.isEmpty() ? status >= 200 && status <= 399 : acceptedStatusCodes.contains(status);
    }

    String describeAccepted() {
        return acceptedStatusCodes.isEmpty() ? "200-399" : acceptedStatusCodes.toString();
    }

    /** A header with either a literal value or the name of the env var holding it (for Secrets). */
    record Header(String name, String value, String valueFromEnv) {
    }
}

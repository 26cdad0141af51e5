package io.cronium.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunSpecParserTest {

    @Test
    void theContractsExampleParsesAndUnknownFieldsAreIgnored() throws Exception {
        RunSpec spec = RunSpecParser.parse("""
                {"executionId": "hello-world-manual-x7k2p", "type": "HTTP", "script": null,
                 "http": {"method": "post", "url": "https://example.org/hook",
                          "headers": [{"name": "Content-Type", "value": "application/json"},
                                      {"name": "Authorization", "valueFromEnv": "CRONIUM_HTTP_HEADER_1"}],
                          "body": "{\\"a\\":1}", "timeoutSeconds": 30, "acceptedStatusCodes": [200, 201]},
                 "input": {"any": "json"}, "event": {"name": "hello-world"}, "timeoutSeconds": 300,
                 "someFutureField": true}""");

        assertEquals(RunType.HTTP, spec.type());
        assertEquals("POST", spec.http().method());
        assertEquals("CRONIUM_HTTP_HEADER_1", spec.http().headers().get(1).valueFromEnv());
        assertEquals(Optional.of(Duration.ofSeconds(30)), spec.http().timeout());
        assertTrue(spec.http().accepts(201));
        assertFalse(spec.http().accepts(204));
        assertEquals(Optional.of(Duration.ofSeconds(300)), spec.timeout());
        assertEquals("json", spec.input().get("any").asText());
        assertEquals("hello-world", spec.event().get("name").asText(), "the event passes as it came");
    }

    @Test
    void defaultsWhenOptionalFieldsAreAbsent() throws Exception {
        RunSpec spec = RunSpecParser.parse("{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\"}}");

        assertEquals("GET", spec.http().method());
        assertTrue(spec.http().accepts(200) && spec.http().accepts(399) && !spec.http().accepts(400));
        assertEquals(Optional.empty(), spec.timeout());
        assertEquals(NullNode.getInstance(), spec.input());
        assertTrue(spec.event().isObject() && spec.event().isEmpty());
    }

    @Test
    void zeroSecondsMeansNoLimit() throws Exception {
        RunSpec spec = RunSpecParser.parse("{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": \"\", \"timeoutSeconds\": 0}");

        assertEquals(Optional.empty(), spec.timeout());
    }

    @Test
    void trailingContentIsNotIgnored() {
        InvalidRunSpecException error = assertThrows(InvalidRunSpecException.class,
                () -> RunSpecParser.parse("{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": \"\"} 2"));

        assertTrue(error.getMessage().startsWith("CRONIUM_RUN_SPEC is not valid JSON: Trailing token"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\": \"Bash\", \"script\": \"\"}                                     | executionId is required",
        "{\"executionId\": \"x\", \"type\": \"Bash\"}                               | script is required",
        "{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": 1}                | script must be a string",
        "{\"executionId\": \"x\", \"type\": \"Ruby\", \"script\": \"\"}             | type must be one of Bash, Python, NodeJS, HTTP, not \"Ruby\"",
        "{\"executionId\": \"x\", \"type\": \"HTTP\"}                               | http is required",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"ftp://h/\"}} | http.url must be an absolute http or https URL, not \"ftp://h/\"",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\", \"headers\": [{\"name\": \"A\"}]}} | http.headers[0] (A) needs exactly one of value and valueFromEnv",
        "{\"executionId\": \"x\", \"type\": \"HTTP\", \"http\": {\"url\": \"http://h/\", \"acceptedStatusCodes\": [700]}} | http.acceptedStatusCodes contains 700, which is not a status code (100-599)",
        "{\"executionId\": \"x\", \"type\": \"Bash\", \"script\": \"\", \"timeoutSeconds\": -1} | timeoutSeconds must be a whole number of seconds >= 0, not -1",
        "[1]                                                                        | CRONIUM_RUN_SPEC must be a JSON object",
    })
    void invalidSpecsAreNamedPrecisely(String json, String message) {
        InvalidRunSpecException error = assertThrows(InvalidRunSpecException.class, () -> RunSpecParser.parse(json));

        assertEquals(message, error.getMessage());
    }
}

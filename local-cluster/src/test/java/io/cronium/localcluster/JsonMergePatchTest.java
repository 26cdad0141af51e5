package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The examples of RFC 7386, appendix A. */
class JsonMergePatchTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> rfc7386Examples() {
    return Stream.of(
        arguments("{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        arguments("{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"),
        arguments("{\"a\":\"b\"}", "{\"a\":null}", "{}"),
        arguments("{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"),
        arguments("{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"),
        arguments("{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"),
        arguments("{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"),
        arguments("{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"),
        arguments("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"),
        arguments("{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"),
        arguments("{\"a\":\"foo\"}", "null", "null"),
        arguments("{\"a\":\"foo\"}", "\"bar\"", "\"bar\""),
        arguments("{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"),
        arguments("[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"),
        arguments("{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"));
  }

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @MethodSource("rfc7386Examples")
  void appliesAsTheRfcSays(String target, String patch, String expected) throws Exception {
    JsonNode targetNode = JSON.readTree(target);
    JsonNode result = JsonMergePatch.apply(targetNode, JSON.readTree(patch));

    assertThat(result).isEqualTo(JSON.readTree(expected));
    assertThat(targetNode).as("target unchanged").isEqualTo(JSON.readTree(target));
  }
}

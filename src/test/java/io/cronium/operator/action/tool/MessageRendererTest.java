package io.cronium.operator.action.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode model() throws Exception {
    return JSON.readTree("{\"event\":{\"name\":\"nightly\"},\"run\":{\"phase\":\"Failed\",\"exitCode\":2,"
        + "\"duration\":\"3m4s\",\"output\":{\"rows\":7,\"err\":{\"code\":\"E1\"}},\"logTail\":\"boom <b>\"}}");
  }

  @Test
  void fillsRunAndEventPlaceholders() throws Exception {
    assertThat(MessageRenderer.render(
        "{{event.name}} {{ run.phase }} exit {{run.exitCode}} after {{run.duration}}: {{run.output.rows}}", model()))
        .isEqualTo("nightly Failed exit 2 after 3m4s: 7");
  }

  @Test
  void leavesValuesUnescapedRendersObjectsAsJsonAndUnknownNamesEmpty() throws Exception {
    assertThat(MessageRenderer.render("{{run.logTail}}|{{run.output.err}}|{{run.nope}}|{{secret.x}}", model()))
        .isEqualTo("boom <b>|{\"code\":\"E1\"}||");
  }

  @Test
  void sectionsAndOtherSyntaxAreLeftAsText() throws Exception {
    assertThat(MessageRenderer.render("{{#run}}x{{/run}} {{> partial}} {{run.phase}} $1 \\", model()))
        .isEqualTo("{{#run}}x{{/run}} {{> partial}} Failed $1 \\");
  }
}

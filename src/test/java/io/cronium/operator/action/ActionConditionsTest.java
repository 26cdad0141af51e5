package io.cronium.operator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.Event;
import io.cronium.operator.jobrun.TestRuns;
import io.cronium.tools.ToolSecrets;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionConditionsTest {

  @Test
  void theToolsAScriptMayUseAreCheckedLikeThoseOfNotifyActions() {
    Event event = TestRuns.bashEvent("sender", "true");
    event.getSpec().setTools(List.of("ops-slack", "missing"));
    var wellFormed = new SecretBuilder()
        .withNewMetadata().withName("ops-slack").withLabels(Map.of(ToolSecrets.TYPE_LABEL, "slack")).endMetadata()
        .withStringData(Map.of("url", "https://hooks.slack.com/services/T0/B0/x")).build();

    var conditions = ActionConditions.of(event, ActionGraph.of(List.of(event)), List.of(wellFormed));

    assertThat(conditions).singleElement().satisfies(condition -> {
      assertThat(condition.getType()).isEqualTo(ActionConditions.TOOLS_VALID);
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo(ActionReasons.TOOL_NOT_FOUND);
      assertThat(condition.getMessage()).isEqualTo("Secret \"missing\" not found (or not labelled cronium.io/tool-type)");
    });
  }
}

package io.cronium.operator.variables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.cronium.contract.RunResult;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run's variable writes and deletions, and what they make of the store's entries. */
class VariableChangesTest {

  @Test
  void writesAreMergedAndDeletedKeysRemoved() {
    VariableChanges changes = new VariableChanges(Map.of("counter", "42"), Set.of("stale", "never.set"));

    assertThat(changes.applyTo(Map.of("counter", "41", "stale", "\"old\"", "kept", "true")))
        .isEqualTo(Map.of("counter", "42", "kept", "true"));
  }

  @Test
  void deletingTheLastKeyLeavesAnEmptyStore() {
    assertThat(new VariableChanges(Map.of(), Set.of("only")).applyTo(Map.of("only", "1"))).isEmpty();
    assertThat(new VariableChanges(Map.of("a", "1"), Set.of()).applyTo(null)).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void aResultsWritesAndDeletionsBecomeChanges() {
    VariableChanges changes = VariableChanges.of(result(Map.of("counter", IntNode.valueOf(3)), Set.of("stale")));

    assertThat(changes.writes()).isEqualTo(Map.of("counter", "3"));
    assertThat(changes.deletions()).containsExactly("stale");
    assertThat(changes.keys()).containsExactlyInAnyOrder("counter", "stale");
    assertThat(VariableChanges.of(result(Map.of(), Set.of())).isEmpty()).isTrue();
  }

  @Test
  void aDeletedKeyTheStoreCannotHoldIsRefusedLikeAWrittenOne() {
    assertThatThrownBy(() -> VariableChanges.of(result(Map.of(), Set.of("a/b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid variable key \"a/b\"");
  }

  private static RunResult result(Map<String, JsonNode> writes, Set<String> deletions) {
    return new RunResult(0, Optional.empty(), Optional.empty(), writes, deletions, false, null, false, false, 0);
  }
}

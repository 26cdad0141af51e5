package io.cronium.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Building and keeping status conditions the way Kubernetes API conventions describe them. */
public final class Conditions {

  private Conditions() {}

  public static Condition condition(String type, boolean status, String reason, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(message)
        .build();
  }

  /**
   * The wanted conditions, each keeping its previous lastTransitionTime while its status is
   * unchanged (Kubernetes API conventions), stamped with {@code now} when it changes.
   */
  public static List<Condition> merge(
      List<Condition> previous, List<Condition> wanted, Long generation, Instant now) {
    List<Condition> merged = new ArrayList<>();
    for (Condition condition : wanted) {
      Condition before = find(previous, condition.getType());
      String transition =
          before != null && Objects.equals(before.getStatus(), condition.getStatus())
              ? before.getLastTransitionTime()
              : now.toString();
      merged.add(
          new ConditionBuilder(condition)
              .withLastTransitionTime(transition)
              .withObservedGeneration(generation)
              .build());
    }
    return merged;
  }

  public static Condition find(List<Condition> conditions, String type) {
    return conditions == null
        ? null
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }

  /** Whether {@code conditions} hold {@code type} with this reason and message already. */
  public static boolean holds(List<Condition> conditions, Condition wanted) {
    Condition current = find(conditions, wanted.getType());
    return current != null
        && Objects.equals(current.getStatus(), wanted.getStatus())
        && Objects.equals(current.getReason(), wanted.getReason())
        && Objects.equals(current.getMessage(), wanted.getMessage());
  }
}

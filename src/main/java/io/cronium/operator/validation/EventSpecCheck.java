package io.cronium.operator.validation;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.ConcurrencyPolicy;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventSpec;
import io.cronium.api.v1alpha1.EventType;
import io.cronium.api.v1alpha1.MissedRunPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What in an Event this operator cannot use. The API server checks the schema, but an Event
 * written against a newer CRD (an enum value this operator does not know yet) reads here with
 * that value missing: unknown values read as null ({@code TolerantReading}), so that one such
 * object cannot stop a watch. Each problem names the field and what this operator expects.
 */
public final class EventSpecCheck {

  private EventSpecCheck() {}

  public static List<String> problems(Event event) {
    EventSpec spec = event.getSpec();
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec is missing");
      return problems;
    }
    if (spec.getType() == null) {
      problems.add(unknown("spec.type", EventType.values()));
    }
    if (spec.getSchedule() != null) {
      if (spec.getSchedule().getConcurrencyPolicy() == null) {
        problems.add(unknown("spec.schedule.concurrencyPolicy", ConcurrencyPolicy.values()));
      }
      if (spec.getSchedule().getMissedRunPolicy() == null) {
        problems.add(unknown("spec.schedule.missedRunPolicy", MissedRunPolicy.values()));
      }
    }
    List<Action> actions = spec.getActions() == null ? List.of() : spec.getActions();
    for (int index = 0; index < actions.size(); index++) {
      if (actions.get(index) == null || actions.get(index).getWhen() == null) {
        problems.add(unknown("spec.actions[" + index + "].when", ActionTrigger.values()));
      }
    }
    return problems;
  }

  private static String unknown(String field, Enum<?>[] known) {
    return field + " is missing or a value this operator version does not know (it knows "
        + Arrays.stream(known).map(Enum::name).collect(Collectors.joining(", "))
        + "); upgrade the operator or use one of those";
  }
}

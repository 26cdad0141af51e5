package io.cronium.operator.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionTrigger;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.RunEventAction;
import io.cronium.operator.jobrun.TestRuns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActionGraphTest {

  static Event event(String name, String... runs) {
    Event event = TestRuns.bashEvent(name, "true");
    for (String target : runs) {
      Action action = new Action();
      action.setWhen(ActionTrigger.Success);
      action.setRunEvent(new RunEventAction(target));
      event.getSpec().getActions().add(action);
    }
    return event;
  }

  @Test
  void aChainWithoutLoopsHasNoCycle() {
    ActionGraph graph = ActionGraph.of(List.of(event("a", "b"), event("b", "c"), event("c")));

    assertThat(graph.inCycle("a")).isFalse();
    assertThat(graph.inCycle("b")).isFalse();
    assertThat(graph.onCycle("a", "b")).isFalse();
  }

  @Test
  void twoEventsRunningEachOtherFormACycle() {
    ActionGraph graph = ActionGraph.of(List.of(event("a", "b"), event("b", "a"), event("c", "a")));

    assertThat(graph.inCycle("a")).isTrue();
    assertThat(graph.inCycle("b")).isTrue();
    assertThat(graph.onCycle("a", "b")).isTrue();
    // c leads into the loop but is not on it: its action may fire.
    assertThat(graph.inCycle("c")).isFalse();
  }

  @Test
  void anEventRunningItselfIsACycleAndMissingTargetsAreKnown() {
    ActionGraph graph = ActionGraph.of(List.of(event("self", "self"), event("a", "ghost")));

    assertThat(graph.inCycle("self")).isTrue();
    assertThat(graph.exists("ghost")).isFalse();
    assertThat(graph.inCycle("a")).isFalse();
  }

  @Test
  void longerLoopsAreFound() {
    ActionGraph graph = ActionGraph.of(List.of(event("a", "b"), event("b", "c"), event("c", "d", "a"), event("d")));

    assertThat(graph.onCycle("c", "a")).isTrue();
    assertThat(graph.onCycle("c", "d")).isFalse();
  }

  @Test
  void questionsReadOnlyTheEventsTheirChainsReachNotTheWholeNamespace() {
    Map<String, Event> namespace = new HashMap<>();
    for (Event event : List.of(event("a", "b"), event("b", "a"), event("plain"))) {
      namespace.put(event.getMetadata().getName(), event);
    }
    for (int i = 0; i < 1000; i++) {
      namespace.put("other-" + i, event("other-" + i));
    }
    List<String> read = new ArrayList<>();
    ActionGraph graph = ActionGraph.over(name -> {
      read.add(name);
      return Optional.ofNullable(namespace.get(name));
    });

    assertThat(graph.inCycle("a")).isTrue();
    assertThat(graph.inCycle("plain")).isFalse();
    assertThat(graph.exists("b")).isTrue();

    assertThat(read).containsOnly("a", "b", "plain");
  }
}

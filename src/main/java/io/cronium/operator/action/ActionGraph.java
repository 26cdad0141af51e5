package io.cronium.operator.action;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.Event;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runEvent edges between the Events of one namespace. An edge lies on a cycle when its
 * target can reach its source again; such actions never fire, or a chain would run forever.
 */
public final class ActionGraph {

  private final Map<String, Set<String>> edges = new HashMap<>();

  private ActionGraph() {}

  public static ActionGraph of(Collection<Event> events) {
    ActionGraph graph = new ActionGraph();
    for (Event event : events) {
      Set<String> targets = new LinkedHashSet<>();
      for (Action action : actionsOf(event)) {
        if (action.getRunEvent() != null) {
          targets.add(action.getRunEvent().getName());
        }
      }
      graph.edges.put(event.getMetadata().getName(), targets);
    }
    return graph;
  }

  public static List<Action> actionsOf(Event event) {
    return event.getSpec() == null || event.getSpec().getActions() == null
        ? List.of()
        : event.getSpec().getActions();
  }

  public boolean exists(String event) {
    return edges.containsKey(event);
  }

  /** Whether the edge {@code from → to} closes a loop. */
  public boolean onCycle(String from, String to) {
    return reaches(to, from);
  }

  /** Whether any of {@code event}'s runEvent edges closes a loop. */
  public boolean inCycle(String event) {
    return edges.getOrDefault(event, Set.of()).stream().anyMatch(to -> onCycle(event, to));
  }

  private boolean reaches(String start, String goal) {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of(start));
    while (!pending.isEmpty()) {
      String current = pending.pop();
      if (current.equals(goal)) {
        return true;
      }
      if (seen.add(current)) {
        pending.addAll(edges.getOrDefault(current, Set.of()));
      }
    }
    return false;
  }
}

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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The runEvent edges between the Events of one namespace. An edge lies on a cycle when its
 * target can reach its source again; such actions never fire, or a chain would run forever.
 * Events are looked up by name only as far as a question needs: every Event reconcile asks, and
 * reading the whole namespace each time made a minute of 1,000 due Events cost a million reads.
 */
public final class ActionGraph {

  private final Function<String, Optional<Event>> lookup;

  private ActionGraph(Function<String, Optional<Event>> lookup) {
    this.lookup = lookup;
  }

  /** The graph of the Events {@code lookup} finds by name (e.g. in an informer's cache). */
  public static ActionGraph over(Function<String, Optional<Event>> lookup) {
    return new ActionGraph(lookup);
  }

  public static ActionGraph of(Collection<Event> events) {
    Map<String, Event> byName = new HashMap<>();
    events.forEach(event -> byName.put(event.getMetadata().getName(), event));
    return over(name -> Optional.ofNullable(byName.get(name)));
  }

  public static List<Action> actionsOf(Event event) {
    return event.getSpec() == null || event.getSpec().getActions() == null
        ? List.of()
        : event.getSpec().getActions();
  }

  public boolean exists(String event) {
    return lookup.apply(event).isPresent();
  }

  /** Whether the edge {@code from → to} closes a loop. */
  public boolean onCycle(String from, String to) {
    return reaches(to, from);
  }

  /** Whether any of {@code event}'s runEvent edges closes a loop. */
  public boolean inCycle(String event) {
    return targets(event).stream().anyMatch(to -> onCycle(event, to));
  }

  private Set<String> targets(String event) {
    Set<String> targets = new LinkedHashSet<>();
    lookup.apply(event).ifPresent(found -> actionsOf(found).stream()
        .filter(action -> action.getRunEvent() != null)
        .forEach(action -> targets.add(action.getRunEvent().getName())));
    return targets;
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
        pending.addAll(targets(current));
      }
    }
    return false;
  }
}

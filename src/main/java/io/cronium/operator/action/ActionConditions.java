package io.cronium.operator.action;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.Event;
import io.cronium.operator.action.tool.KubernetesToolSecrets;
import io.cronium.operator.status.Conditions;
import io.cronium.tools.ToolSecrets;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An Event's ActionsValid (its runEvent targets exist and no chain loops) and ToolsValid (the
 * tool Secrets its notify actions name and its script may use, spec.tools, are well-formed)
 * conditions. An Event without runEvent actions has no ActionsValid, one using no tool no
 * ToolsValid.
 */
public final class ActionConditions {

  public static final String ACTIONS_VALID = "ActionsValid";
  public static final String TOOLS_VALID = "ToolsValid";

  private ActionConditions() {}

  public static List<Condition> of(Event event, ActionGraph graph, Collection<Secret> tools) {
    List<Condition> conditions = new ArrayList<>();
    List<Action> actions = ActionGraph.actionsOf(event);
    Set<String> targets = names(actions, action -> action.getRunEvent() == null ? null : action.getRunEvent().getName());
    if (!targets.isEmpty()) {
      conditions.add(actionsValid(event.getMetadata().getName(), targets, graph));
    }
    Set<String> toolNames = toolsOf(event);
    if (!toolNames.isEmpty()) {
      conditions.add(toolsValid(toolNames, tools));
    }
    return conditions;
  }

  /** The tool Secret names an Event uses: its notify actions', then those its script may send through. */
  public static Set<String> toolsOf(Event event) {
    Set<String> tools = names(ActionGraph.actionsOf(event),
        action -> action.getNotify() == null ? null : action.getNotify().getTool());
    if (event.getSpec() != null && event.getSpec().getTools() != null) {
      tools.addAll(event.getSpec().getTools());
    }
    return tools;
  }

  private static Condition actionsValid(String source, Set<String> targets, ActionGraph graph) {
    List<String> missing = targets.stream().filter(target -> !graph.exists(target)).toList();
    if (!missing.isEmpty()) {
      return Conditions.condition(ACTIONS_VALID, false, ActionReasons.ACTION_TARGET_NOT_FOUND,
          "runEvent names Events that do not exist in this namespace: " + String.join(", ", missing));
    }
    List<String> looping = targets.stream().filter(target -> graph.onCycle(source, target)).toList();
    if (!looping.isEmpty()) {
      return Conditions.condition(ACTIONS_VALID, false, ActionReasons.ACTION_CYCLE,
          "runEvent " + String.join(", ", looping) + " leads back to \"" + source
              + "\"; actions on the loop do not fire. Remove one runEvent on the loop.");
    }
    return Conditions.condition(ACTIONS_VALID, true, ActionReasons.ACTIONS_VALID,
        "every runEvent target exists and no chain loops");
  }

  private static Condition toolsValid(Set<String> names, Collection<Secret> tools) {
    Map<String, Secret> byName = tools.stream()
        .collect(Collectors.toMap(secret -> secret.getMetadata().getName(), Function.identity(), (a, b) -> a));
    List<String> problems = new ArrayList<>();
    int missing = 0;
    for (String name : names) {
      Secret secret = byName.get(name);
      if (secret == null) {
        missing++;
        problems.add("Secret \"" + name + "\" not found (or not labelled " + ToolSecrets.TYPE_LABEL + ")");
        continue;
      }
      Optional<String> problem = KubernetesToolSecrets.read(secret).problem();
      problem.ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      return Conditions.condition(TOOLS_VALID, true, ActionReasons.TOOLS_VALID,
          "every tool Secret is well-formed");
    }
    return Conditions.condition(TOOLS_VALID, false,
        missing == problems.size() ? ActionReasons.TOOL_NOT_FOUND : ActionReasons.INVALID_TOOL, String.join("; ", problems));
  }

  private static Set<String> names(List<Action> actions, Function<Action, String> name) {
    return actions.stream().map(name).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}

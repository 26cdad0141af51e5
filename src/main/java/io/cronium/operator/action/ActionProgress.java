package io.cronium.operator.action;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRun;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/** How far a finished run's actions have got, from its status.actions records. */
public final class ActionProgress {

  private ActionProgress() {}

  /**
   * Whether an action of {@code event} still has to fire for {@code run}, or is being sent: such a
   * run holds the only record that it did not fire yet, so it must not be pruned.
   */
  public static boolean pending(Event event, JobRun run) {
    if (run.getStatus() == null || !run.phase().isTerminal()) {
      return false;
    }
    List<Action> actions = ActionGraph.actionsOf(event);
    List<ActionRecord> records = run.getStatus().getActions();
    return IntStream.range(0, actions.size())
            .anyMatch(index -> !recorded(records, index) && fires(actions.get(index), run))
        || records.stream().anyMatch(record -> !record.getState().isFinal());
  }

  static boolean fires(Action action, JobRun run) {
    return action.getWhen() != null
        && action.getWhen().firesFor(run.phase(), run.getStatus().getCondition(), action.getCondition());
  }

  static boolean recorded(Collection<ActionRecord> records, int index) {
    return records.stream().anyMatch(r -> r.getIndex() != null && r.getIndex() == index);
  }
}

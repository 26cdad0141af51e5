package io.cronium.operator.action;

import io.cronium.api.v1alpha1.Action;
import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.ActionState;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.JobRunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The actions a run carries out, taken from its Event in the status write that ends the run: a
 * later edit of the Event (an action added, removed or moved) changes nothing for runs that
 * already ended, and a run restarted mid-way still knows exactly what is left to do.
 */
public final class ActionSnapshot {

  private ActionSnapshot() {}

  /** One {@link ActionState#Pending} record per action of {@code event} that fires for {@code ended}. */
  public static List<ActionRecord> due(Event event, JobRunStatus ended, Instant now) {
    List<Action> actions = ActionGraph.actionsOf(event);
    List<ActionRecord> due = new ArrayList<>();
    for (int index = 0; index < actions.size(); index++) {
      Action action = actions.get(index);
      if (fires(action, ended)) {
        ActionRecord record = new ActionRecord(index, ActionRunner.typeOf(action), ActionState.Pending, null,
            "due", now.toString());
        record.setAction(action);
        due.add(record);
      }
    }
    return due;
  }

  private static boolean fires(Action action, JobRunStatus ended) {
    return action.getWhen() != null
        && action.getWhen().firesFor(ended.getPhase(), ended.getCondition(), action.getCondition());
  }
}

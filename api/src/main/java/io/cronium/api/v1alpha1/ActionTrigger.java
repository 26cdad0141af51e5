package io.cronium.api.v1alpha1;

/** When an action fires, judged from the finished run. */
public enum ActionTrigger {
  /** The run ended Succeeded. */
  Success,
  /** The run ended Failed or TimedOut. */
  Failure,
  /** The run ended, whatever the outcome. */
  Always,
  /** The run set its condition (set_condition) to the action's {@code condition}. */
  Condition;

  /** Whether a run that ended in {@code phase} with {@code condition} fires this trigger. */
  public boolean firesFor(JobRunPhase phase, Boolean condition, Boolean wanted) {
    return switch (this) {
      case Success -> phase == JobRunPhase.Succeeded;
      case Failure -> phase == JobRunPhase.Failed || phase == JobRunPhase.TimedOut;
      case Always -> phase.isTerminal();
      case Condition -> phase.isTerminal() && condition != null && condition.equals(wanted);
    };
  }
}

package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.ActionRecord;
import io.cronium.api.v1alpha1.EventReference;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunSpec;
import io.cronium.api.v1alpha1.JobRunStatus;
import java.util.List;

/**
 * JobRuns without what a finished run keeps for its readers: output and log tail (up to 1 MiB and
 * 64 KiB), conditions, message, termination message, image digest and input, on every run the
 * history limits keep. Scheduling, history and counting read its phase, reason, times, exit code
 * and actions; the actions that read more (messages, a chained run's input) read the run from the
 * API server, and so does every status write on a finished run. A run still going is kept whole:
 * its status is written from the cached copy. Finished runs are shared with the other JobRun cache
 * ({@link SharedVersions}).
 */
public class RunWithoutResultStore extends PrunedStore<JobRun> {

  /**
   * Runs per page when a JobRun informer lists: a page arrives whole before its runs are pruned,
   * and 20 runs with a 1 MiB output each (read, parsed and copied, in both JobRun informers at once)
   * stay well inside the chart's heap; one unpaged list of every run would not.
   */
  public static final long LIST_PAGE = 20;

  public RunWithoutResultStore() {
    super(run -> {
      SharedStrings.compactMetadata(run.getMetadata());
      shareRunStrings(run);
      if (run.phase().isTerminal()) {
        JobRunStatus status = run.getStatus();
        status.setOutput(null);
        status.setLogTail(null);
        status.setConditions(List.of());
        status.setMessage(null);
        status.setTerminationMessage(null);
        status.setImageDigest(null);
        run.getSpec().setInput(null);
      }
    });
  }

  @Override
  protected JobRun stored(JobRun pruned) {
    return pruned.phase().isTerminal() ? SharedVersions.share(pruned) : pruned;
  }

  /** An Event's name and UID, the slot, reasons and action kinds recur across its runs. */
  private static void shareRunStrings(JobRun run) {
    JobRunSpec spec = run.getSpec();
    if (spec != null) {
      spec.setScheduledTime(SharedStrings.share(spec.getScheduledTime()));
      EventReference eventRef = spec.getEventRef();
      if (eventRef != null) {
        eventRef.setName(SharedStrings.share(eventRef.getName()));
      }
    }
    JobRunStatus status = run.getStatus();
    if (status != null) {
      status.setReason(SharedStrings.share(status.getReason()));
      // The Pod is named after its run.
      if (run.getMetadata().getName().equals(status.getPodName())) {
        status.setPodName(run.getMetadata().getName());
      }
      if (status.getActions() != null) {
        for (ActionRecord action : status.getActions()) {
          action.setType(SharedStrings.share(action.getType()));
          action.setReason(SharedStrings.share(action.getReason()));
        }
      }
    }
  }
}

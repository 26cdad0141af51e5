package io.cronium.operator.cache;

import io.cronium.api.v1alpha1.JobRun;

/**
 * JobRuns without a finished run's output and log tail (up to 1 MiB and 64 KiB each, on every run
 * the history limits keep). Nothing scheduling or running reads them; the actions that do read
 * them (messages, a chained run's input) read the run from the API server, and so does every
 * status write on a finished run. A run still going is kept whole: its status is written from the
 * cached copy.
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
      if (run.phase().isTerminal()) {
        run.getStatus().setOutput(null);
        run.getStatus().setLogTail(null);
      }
    });
  }
}

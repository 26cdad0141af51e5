package io.cronium.operator.logs;

import io.cronium.api.v1alpha1.JobRun;

/** Where a run's log is read from: {@link LogFollower} reads the Pod's {@code pods/log}, LogApiClient the log API. */
public interface RunLogSource {

  /**
   * Delivers the part of the run's log the query asks for, from {@code resume} on; following,
   * until the run has ended and its last line was delivered.
   *
   * @return the run as it stands at the end (finished, when following)
   * @throws RunNotFoundException when the run does not exist or is deleted meanwhile
   */
  JobRun read(String namespace, String name, LogQuery query, ResumePoint resume, LogLineSink sink)
      throws InterruptedException;
}

package io.cronium.operator.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cronium.api.v1alpha1.JobRun;

/**
 * One copy of each finished run for both JobRun caches (the run controller's and the Event
 * controller's). Each informer parses its own copy of every object, so the 20,000 finished runs
 * history limits may keep would otherwise sit in memory twice. A finished run is pruned the same
 * way in both and only ever read from the cache, so one instance per resource version serves both.
 * Runs are held weakly: an entry goes once neither cache holds that version.
 */
final class SharedFinishedRuns {

  private static final Cache<String, JobRun> RUNS =
      Caffeine.newBuilder().weakValues().executor(Runnable::run).build();

  private SharedFinishedRuns() {
  }

  /** The instance already cached for this version of {@code pruned}, or {@code pruned} itself. */
  static JobRun share(JobRun pruned) {
    return RUNS.get(pruned.getMetadata().getUid() + "/" + pruned.getMetadata().getResourceVersion(),
        version -> pruned);
  }
}

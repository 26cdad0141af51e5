package io.cronium.operator.logs;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.operator.jobrun.JobPodBuilder;
import io.cronium.operator.jobrun.RunContainer;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A run's log through the Kubernetes API: the Pod's {@code pods/log} while the Pod exists, the
 * tail stored in the JobRun once it is gone. Following, a stream that breaks before the run has
 * finished is reopened after a {@link Backoff} delay from its {@link ResumePoint}, so every
 * line arrives exactly once.
 */
public final class LogFollower implements RunLogSource {

  /** Waits between attempts; one that throws ends the read (its caller stopped listening). */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final KubernetesClient client;
  private final Supplier<Backoff> backoffs;
  private final Sleeper sleeper;
  private final PodLogConnection connection;

  public LogFollower(KubernetesClient client, Supplier<Backoff> backoffs, Sleeper sleeper) {
    this.client = client;
    this.backoffs = backoffs;
    this.sleeper = sleeper;
    this.connection = new PodLogConnection(client);
  }

  /** Backs off with {@link Backoff#standard()} and sleeps between attempts. */
  public static LogFollower standard(KubernetesClient client) {
    return new LogFollower(client, Backoff::standard, duration -> Thread.sleep(duration.toMillis()));
  }

  /**
   * Delivers the part of the run's log the query asks for, from {@code resume} on. Without
   * {@code follow}, what exists now; with it, until the run has finished (or the attempt asked
   * for has ended) and its last line was delivered. The stored tail has no timestamps:
   * {@code sinceTime} does not filter it, {@code tailLines} does.
   *
   * @return the run as it stands at the end (finished, when following its current attempt)
   * @throws RunNotFoundException when the run does not exist or is deleted meanwhile
   */
  @Override
  public JobRun read(String namespace, String name, LogQuery query, ResumePoint resume, LogLineSink sink)
      throws InterruptedException {
    boolean follow = query.follow();
    Backoff backoff = backoffs.get();
    boolean delivered = resume.cursor().isPresent();
    RecentLines recent = new RecentLines();
    LogLineSink remembering = (timestamp, text) -> {
      sink.line(timestamp, text);
      recent.add(text);
    };
    while (true) {
      JobRun run;
      Optional<Pod> pod;
      boolean currentAttempt;
      try {
        run = fetchRun(namespace, name);
        int current = run.getStatus() == null ? 1 : run.getStatus().attemptNumber();
        int attempt = query.attemptOr(current);
        currentAttempt = attempt == current;
        pod = podOf(run, attempt, currentAttempt);
      } catch (KubernetesClientException unavailable) {
        // The API server is the one to ask; a follower waits out its hiccups.
        if (!follow) {
          throw unavailable;
        }
        sleeper.sleep(backoff.next());
        continue;
      }
      if (pod.isEmpty()) {
        if (!currentAttempt) {
          // Only the current attempt's tail is kept: an earlier attempt's log went with its Pod.
          return run;
        }
        if (run.phase().isTerminal() || !follow) {
          if (!delivered) {
            storedTail(run, query, sink);
          } else if (!recent.isEmpty()) {
            // The Pod went while we waited to reconnect: the kept tail has its last lines.
            recent.continuedBy(logTail(run)).forEach(line -> sink.line(null, line));
          }
          return run;
        }
      } else if (started(pod.get())) {
        boolean complete = RunContainer.terminated(pod.get()).isPresent();
        PodLogConnection.Outcome outcome = connection.read(pod.get(), query, resume, complete, remembering);
        if (outcome.linesDelivered() > 0) {
          delivered = true;
          backoff.reset();
        }
        if (!follow) {
          if (!delivered && !outcome.endedCleanly() && currentAttempt) {
            storedTail(run, query, sink);
          }
          return run;
        }
        if (complete && outcome.endedCleanly()) {
          return currentAttempt ? finished(namespace, name, backoff) : run;
        }
      } else if (!follow || run.phase().isTerminal() || !currentAttempt) {
        return run;
      }
      sleeper.sleep(backoff.next());
    }
  }

  /** The run once its status is terminal (it follows its Pod's end within a reconcile). */
  private JobRun finished(String namespace, String name, Backoff backoff) throws InterruptedException {
    while (true) {
      try {
        JobRun run = fetchRun(namespace, name);
        if (run.phase().isTerminal()) {
          return run;
        }
      } catch (KubernetesClientException unavailable) {
        // as in read(): wait out the API server's hiccups
      }
      sleeper.sleep(backoff.next());
    }
  }

  private JobRun fetchRun(String namespace, String name) {
    JobRun run = client.resources(JobRun.class).inNamespace(namespace).withName(name).get();
    if (run == null) {
      throw new RunNotFoundException(namespace, name);
    }
    return run;
  }

  private Optional<Pod> podOf(JobRun run, int attempt, boolean currentAttempt) {
    String podName = currentAttempt && run.getStatus() != null && run.getStatus().getPodName() != null
        ? run.getStatus().getPodName()
        : JobPodBuilder.podName(run, attempt);
    return Optional.ofNullable(
        client.pods().inNamespace(run.getMetadata().getNamespace()).withName(podName).get());
  }

  private static boolean started(Pod pod) {
    Optional<ContainerState> state = RunContainer.status(pod).map(ContainerStatus::getState);
    return state.map(s -> s.getRunning() != null || s.getTerminated() != null).orElse(false);
  }

  private static void storedTail(JobRun run, LogQuery query, LogLineSink sink) {
    List<String> lines = StoredTail.lines(logTail(run));
    int from = Math.max(0, lines.size() - query.tailLines().orElse(lines.size()));
    lines.subList(from, lines.size()).forEach(line -> sink.line(null, line));
  }

  private static String logTail(JobRun run) {
    return run.getStatus() == null ? null : run.getStatus().getLogTail();
  }
}

package io.cronium.operator.action;

import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.tools.SendOutcome;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends notifications off the reconcile threads: a bounded pool makes each send (DNS lookup,
 * connect and request, each with its timeout) and keeps its outcome until the run's next
 * reconcile stores it; a finished send wakes that run at once. A reconcile never waits on a
 * send, so a tool that does not answer delays no schedule.
 */
@Singleton
public final class SendQueue implements AutoCloseable {

  /** Sends at the same time; more wait in the queue. */
  static final int SENDERS = 8;
  /** Sends waiting at most; beyond that a send fails at once rather than piling up. */
  static final int WAITING = 1000;

  /** One action of one run; the uid tells a run from a later one of the same name. */
  record Key(String runUid, int index) {
    static Key of(JobRun run, int index) {
      return new Key(run.getMetadata().getUid(), index);
    }
  }

  private final ThreadPoolExecutor senders = new ThreadPoolExecutor(SENDERS, SENDERS, 60, TimeUnit.SECONDS,
      new ArrayBlockingQueue<>(WAITING), task -> {
        Thread thread = new Thread(task, "action-send");
        thread.setDaemon(true);
        return thread;
      });
  private final Map<Key, CompletableFuture<SendOutcome>> sends = new ConcurrentHashMap<>();
  private final SimpleInboundEventSource<JobRun> finishedSends = new SimpleInboundEventSource<>("action-sends");

  public SendQueue() {
    senders.allowCoreThreadTimeOut(true);
  }

  /** Registered with the run controller: a finished send reconciles its run. */
  public SimpleInboundEventSource<JobRun> finishedSends() {
    return finishedSends;
  }

  /**
   * Starts {@code send} for {@code run}'s action {@code index}.
   *
   * @return false when the queue is full and nothing was started
   */
  boolean start(JobRun run, int index, Supplier<SendOutcome> send) {
    Key key = Key.of(run, index);
    ResourceID runId = ResourceID.fromResource(run);
    try {
      CompletableFuture<SendOutcome> outcome = CompletableFuture.supplyAsync(send, senders);
      sends.put(key, outcome);
      outcome.whenComplete((sent, error) -> finishedSends.propagateEvent(runId));
      return true;
    } catch (RejectedExecutionException full) {
      return false;
    }
  }

  /** Whether this process is sending (or holds the outcome of) that action: it was not interrupted. */
  boolean known(JobRun run, int index) {
    return sends.containsKey(Key.of(run, index));
  }

  /** The outcome of a finished send, handed over once; empty while it is still going. */
  Optional<SendOutcome> finished(JobRun run, int index) {
    Key key = Key.of(run, index);
    CompletableFuture<SendOutcome> send = sends.get(key);
    if (send == null || !send.isDone()) {
      return Optional.empty();
    }
    sends.remove(key);
    return Optional.of(send.exceptionally(error -> SendOutcome.failed(ActionReasons.NOTIFICATION_FAILED,
        "the send failed: " + error.getClass().getSimpleName())).join());
  }

  /** Hands back an outcome that could not be stored, for the next reconcile to try again. */
  void keep(JobRun run, int index, SendOutcome outcome) {
    sends.put(Key.of(run, index), CompletableFuture.completedFuture(outcome));
  }

  @Override
  @PreDestroy
  public void close() {
    senders.shutdownNow();
  }
}

package io.cronium.operator.faults;

import io.cronium.contract.ResultReport;
import io.cronium.contract.RunResult;
import io.cronium.localcluster.ScriptedNode;
import io.cronium.operator.jobrun.TestRuns;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The scripted node's containers, played for the Pods of one namespace (the operator's job Pods, or a
 * Job's) so that the node is never the bottleneck: each Pod bound to the node reports its container
 * Running at once and, {@code runFor} later, exited 0 with runtime-api's result, through
 * {@code pods/status} as a kubelet does. A report
 * the API server does not take (it is down) is tried again every second until it lands or the Pod is
 * gone. A Pod being deleted is left to the node; one annotated {@link ScriptedNode#UNRESPONSIVE} gets
 * no further report, as from a node that lost contact.
 */
final class PlayedKubelet implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(PlayedKubelet.class);
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final String SUCCEEDED = ResultReport.of(new RunResult(0, Optional.empty(), Optional.empty(),
      Map.of(), Set.of(), false, null, false, false, 0)).terminationMessage();

  private final KubernetesClient client;
  private final Duration runFor;
  private final SharedIndexInformer<Pod> pods;
  private final Set<String> playing = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> runningReported = new ConcurrentHashMap<>();
  private final ScheduledExecutorService reports = Executors.newScheduledThreadPool(2, task -> {
    Thread thread = new Thread(task, "played-kubelet");
    thread.setDaemon(true);
    return thread;
  });

  /** @param client a client that fails at once when the API server is away ({@link FaultCluster#failFastClient()}) */
  PlayedKubelet(KubernetesClient client, String namespace, Duration runFor) {
    this.client = client;
    this.runFor = runFor;
    this.pods = client.pods().inNamespace(namespace).runnableInformer(0);
    // A kubelet watches on through an API server or etcd outage.
    pods.exceptionHandler((started, failure) -> true);
    pods.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        play(pod);
      }

      @Override
      public void onUpdate(Pod previous, Pod pod) {
        play(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
        playing.remove(pod.getMetadata().getUid());
      }
    });
    pods.start().toCompletableFuture().join();
  }

  private void play(Pod pod) {
    if (pod.getSpec().getNodeName() != null && answering(pod) && playing.add(pod.getMetadata().getUid())) {
      Instant startedAt = Instant.now();
      // Off the informer's thread: a write can wait out an API server outage.
      reports.execute(() -> report(pod, TestRuns.running(startedAt.toString()), () -> {
        runningReported.put(pod.getMetadata().getName(), Instant.now());
        reports.schedule(() -> report(pod, TestRuns.terminated(0, SUCCEEDED, startedAt, Instant.now()), () -> { }),
            runFor.toMillis(), TimeUnit.MILLISECONDS);
      }));
    }
  }

  /** When the API server took each Pod's Running report, by Pod name. */
  Map<String, Instant> runningReported() {
    return Map.copyOf(runningReported);
  }

  /** Writes {@code status} to the Pod as it is now, then runs {@code next}; retried while the API is away. */
  private void report(Pod pod, PodStatus status, Runnable next) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    Pod current = pods.getStore().getByKey(namespace + "/" + name);
    if (current == null || !current.getMetadata().getUid().equals(pod.getMetadata().getUid()) || !answering(current)) {
      return;
    }
    try {
      TestRuns.writePodStatus(client, namespace, name, status);
      next.run();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        LOG.debugf("pod %s/%s: status not written, trying again: %s", namespace, name, e.getMessage());
        reports.schedule(() -> report(pod, status, next), RETRY.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private static boolean answering(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && !"true".equals(pod.getMetadata().getAnnotations().get(ScriptedNode.UNRESPONSIVE));
  }

  @Override
  public void close() {
    pods.close();
    reports.shutdownNow();
  }
}

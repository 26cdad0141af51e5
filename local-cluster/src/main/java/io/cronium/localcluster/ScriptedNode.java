package io.cronium.localcluster;

import io.cronium.localcluster.PodStatuses.ContainerView;
import io.cronium.localcluster.controlplane.Pki;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A node whose containers the test plays, for the API tier: it is registered and Ready, so
 * kube-scheduler binds Pods to it, and it serves the logs a {@link PodLogSource} holds behind
 * {@code pods/log}. A graceful delete goes as on a kubelet whose containers ignore SIGTERM: once the
 * test reports the containers ended, or else when the grace period is over (they end with exit
 * code 137), the node deletes the Pod with grace 0. Everything else about a Pod's containers is what
 * the test writes through {@code pods/status}. A Pod annotated {@link #UNRESPONSIVE} is never finished.
 */
public final class ScriptedNode implements AutoCloseable {

  public static final String NODE_NAME = "scripted-node";
  /** On a Pod, {@code "true"} makes the node ignore its deletion, as a kubelet that lost contact would. */
  public static final String UNRESPONSIVE = "localcluster.cronium.io/unresponsive";
  private static final Logger LOG = LoggerFactory.getLogger(ScriptedNode.class);

  private final KubernetesClient client;
  private final NodeAgent agent;
  private final ScheduledExecutorService graceTimers = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "scripted-node-grace");
    thread.setDaemon(true);
    return thread;
  });
  /** The uids of the Pods whose end of grace is already scheduled: each update of a Pod would add one. */
  private final Set<String> graceScheduled = ConcurrentHashMap.newKeySet();

  /** {@code client} acts as the node's user ({@link NodeAgent#user}, group {@link NodeAgent#GROUP}). */
  public ScriptedNode(KubernetesClient client, Pki pki, PodLogSource logs) {
    this.client = client;
    this.agent = new NodeAgent(client, NODE_NAME, pki, logs, "scripted://1");
    agent.start(this::finishDeletion, pod -> graceScheduled.remove(pod.getMetadata().getUid()));
  }

  private void finishDeletion(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() == null
        || "true".equals(pod.getMetadata().getAnnotations().get(UNRESPONSIVE))) {
      return;
    }
    if (terminal(pod)) {
      agent.finishDeletion(pod);
      return;
    }
    if (graceScheduled.add(pod.getMetadata().getUid())) {
      long graceLeft = Duration.between(Instant.now(), Instant.parse(pod.getMetadata().getDeletionTimestamp()))
          .toMillis();
      graceTimers.schedule(() -> killAfterGrace(pod), Math.max(0, graceLeft), TimeUnit.MILLISECONDS);
    }
  }

  /** The grace period is over and the test reported nothing: SIGKILL. */
  private void killAfterGrace(Pod stale) {
    Pod pod = agent.pod(stale.getMetadata().getNamespace(), stale.getMetadata().getName());
    if (pod == null || !pod.getMetadata().getUid().equals(stale.getMetadata().getUid()) || terminal(pod)) {
      return;
    }
    Instant now = Instant.now();
    Map<String, ContainerView> killed = pod.getSpec().getContainers().stream().collect(Collectors.toMap(
        Container::getName, c -> ContainerView.terminated(137, "Error", null, now, now, null, null)));
    try {
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
          .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
              Serialization.asJson(Map.of("status", PodStatuses.of(pod, killed, now))));
    } catch (KubernetesClientException e) {
      LOG.debug("pod {}: status not written: {}", pod.getMetadata().getName(), e.getMessage());
    }
    agent.finishDeletion(pod);
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  public String nodeName() {
    return agent.nodeName();
  }

  /** Stops serving; the Node object stays, as a stopped kubelet's does. */
  @Override
  public void close() {
    graceTimers.shutdownNow();
    agent.close();
  }
}

package io.cronium.localcluster;

import io.cronium.localcluster.PodStatuses.ContainerView;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/** What the node knows and holds for one Pod object (by uid), from admission until the object is deleted. */
final class PodRun {

  private final Pod pod;
  private final String podmanName;
  private final Instant startTime;
  private final Map<String, ContainerView> containers = new LinkedHashMap<>();
  private final List<Process> logProcesses = new ArrayList<>();
  private final List<Future<?>> pending = new ArrayList<>();
  private int startAttempts;
  private boolean stopRequested;
  private boolean deletionRequested;
  private boolean deleted;
  private String reason;
  private String message;

  PodRun(Pod pod, String podmanName, Instant startTime) {
    this.pod = pod;
    this.podmanName = podmanName;
    this.startTime = startTime;
    pod.getSpec().getContainers()
        .forEach(c -> containers.put(c.getName(), ContainerView.waiting("ContainerCreating", null)));
  }

  Pod pod() {
    return pod;
  }

  String namespace() {
    return pod.getMetadata().getNamespace();
  }

  String name() {
    return pod.getMetadata().getName();
  }

  String podmanName() {
    return podmanName;
  }

  /** podman names a played pod's containers {@code <pod>-<container>}. */
  String podmanContainer(String container) {
    return podmanName + "-" + container;
  }

  List<String> containerNames() {
    return pod.getSpec().getContainers().stream().map(Container::getName).toList();
  }

  synchronized int nextStartAttempt() {
    return startAttempts++;
  }

  synchronized void set(String container, ContainerView view) {
    // A reported termination is final: a late report from another thread must not undo it.
    if (!containers.get(container).isTerminated()) {
      containers.put(container, view);
    }
  }

  synchronized ContainerView get(String container) {
    return containers.get(container);
  }

  synchronized boolean started() {
    return containers.values().stream().anyMatch(v -> v.isRunning() || v.isTerminated());
  }

  synchronized boolean finished() {
    return containers.values().stream().allMatch(ContainerView::isTerminated);
  }

  /** Sets the Pod-level reason and message the kubelet reports (e.g. DeadlineExceeded). */
  synchronized void explain(String podReason, String podMessage) {
    this.reason = podReason;
    this.message = podMessage;
  }

  synchronized PodStatus status() {
    PodStatus status = PodStatuses.of(pod, containers, startTime);
    status.setReason(reason);
    status.setMessage(message);
    return status;
  }

  /** Marks that the Pod should stop; true only the first time. */
  synchronized boolean requestStop() {
    boolean first = !stopRequested;
    stopRequested = true;
    return first;
  }

  synchronized boolean stopRequested() {
    return stopRequested;
  }

  /** The Pod got a deletionTimestamp: stop it, then let the API server remove it. True only the first time. */
  synchronized boolean requestDeletion() {
    deletionRequested = true;
    return requestStop();
  }

  synchronized boolean deletionRequested() {
    return deletionRequested;
  }

  /** The Pod object is gone: nothing may start, and there is no status left to report to. */
  synchronized void markDeleted() {
    deleted = true;
    stopRequested = true;
    pending.forEach(task -> task.cancel(false));
    logProcesses.forEach(Process::destroy);
  }

  synchronized boolean deleted() {
    return deleted;
  }

  /** Keeps a scheduled retry or timer so that deletion can cancel it. */
  synchronized void track(Future<?> task) {
    pending.removeIf(Future::isDone);
    if (deleted) {
      task.cancel(false);
    } else {
      pending.add(task);
    }
  }

  synchronized void track(Process logProcess) {
    if (deleted) {
      logProcess.destroy();
    } else {
      logProcesses.add(logProcess);
    }
  }

  synchronized void untrack(Process logProcess) {
    logProcesses.remove(logProcess);
  }
}

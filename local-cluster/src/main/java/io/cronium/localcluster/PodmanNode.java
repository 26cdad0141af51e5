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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A kubelet for the real API server that runs containers with podman: registers the Node (through
 * {@link NodeAgent}, which also serves the logs behind {@code pods/log}), runs each Pod kube-scheduler
 * binds to it with {@code podman kube play}, and reports container states and phase through
 * {@code pods/status} as a kubelet does. It never pulls images: a missing image leaves the Pod Pending
 * with ErrImagePull / ImagePullBackOff, retried with back-off in case the image gets built meanwhile.
 *
 * <p>Containers run with the host network and are not restarted (restartPolicy Never). A Pod whose
 * containers all ended is removed from podman at once; its logs stay until the Pod object is deleted.
 * A graceful delete stops the containers, reports how they ended, then deletes the Pod with grace 0,
 * which is what lets the API server finish it.
 */
public final class PodmanNode implements AutoCloseable {

  /** The node name the Pods see ({@code spec.nodeName} field references). */
  public static final String NODE_NAME = "podman-node";

  private static final Logger LOG = LoggerFactory.getLogger(PodmanNode.class);
  private static final Duration BACK_OFF_NOTICE = Duration.ofSeconds(1);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);
  private static final long DEFAULT_GRACE_SECONDS = 30;

  private final KubernetesClient client;
  private final Podman podman;
  private final PodFiles files;
  private final PodPreparer preparer;
  private final ContainerFollower follower;
  private final Path stateDirectory;
  private final boolean ownsStateDirectory;
  private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
  private final Clock clock = Clock.systemUTC();
  private final Map<String, PodRun> runs = new ConcurrentHashMap<>();
  private final ExecutorService podmanCalls;
  private final ThreadPoolExecutor logFollowers;
  private final ScheduledExecutorService timers;
  private final NodeAgent agent;
  private boolean started;

  /**
   * Where the node keeps its files, how it calls podman, and how many containers it follows at once.
   *
   * @param stateDirectory pod directories (logs, termination files, volumes); null = a temporary
   *     directory removed on close
   * @param containersConf CONTAINERS_CONF for podman calls; null = inherit this process's environment
   * @param podmanExecutable the podman command
   * @param maxRunningContainers containers followed at once; more are started but their logs and exit
   *     are picked up only when a slot frees
   */
  public record Options(Path stateDirectory, Path containersConf, String podmanExecutable, int maxRunningContainers) {

    public static Options defaults() {
      return new Options(null, null, "podman", 64);
    }

    public Options withStateDirectory(Path directory) {
      return new Options(directory, containersConf, podmanExecutable, maxRunningContainers);
    }

    public Options withContainersConf(Path file) {
      return new Options(stateDirectory, file, podmanExecutable, maxRunningContainers);
    }

    public Options withMaxRunningContainers(int max) {
      return new Options(stateDirectory, containersConf, podmanExecutable, max);
    }
  }

  /**
   * @param client a client as the node's user ({@link NodeAgent#user}, group {@link NodeAgent#GROUP})
   * @param pki the cluster CA, for the node's serving certificate
   */
  public PodmanNode(KubernetesClient client, Pki pki, Options options) {
    this.client = client;
    this.podman = new Podman(options.podmanExecutable(), options.containersConf());
    try {
      this.ownsStateDirectory = options.stateDirectory() == null;
      this.stateDirectory = ownsStateDirectory
          ? Files.createTempDirectory("cronium-podman-node")
          : Files.createDirectories(options.stateDirectory());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.files = new PodFiles(stateDirectory);
    this.preparer = new PodPreparer(client, files);
    this.follower = new ContainerFollower(podman, files);
    this.podmanCalls = Executors.newFixedThreadPool(4, daemonThreads("podman-node-call"));
    this.logFollowers = new ThreadPoolExecutor(options.maxRunningContainers(), options.maxRunningContainers(),
        30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("podman-node-logs"));
    this.logFollowers.allowCoreThreadTimeOut(true);
    this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("podman-node-timer"));
    this.agent = new NodeAgent(client, NODE_NAME, pki, files, "podman://" + podman.version());
  }

  /** Whether podman can be called with these options (installed, storage usable). */
  public static boolean podmanAvailable(Options options) {
    return new Podman(options.podmanExecutable(), options.containersConf()).available();
  }

  /** Registers the Node and starts running the Pods bound to it; Pods bound already are admitted too. */
  public synchronized PodmanNode start() {
    if (!started) {
      started = true;
      agent.start(this::observe,
          pod -> Optional.ofNullable(runs.get(pod.getMetadata().getUid())).ifPresent(this::forget));
    }
    return this;
  }

  /** The container logs this node keeps, for the API server's {@code pods/log}. */
  public PodLogSource logs() {
    return files;
  }

  private void observe(Pod pod) {
    PodRun known = runs.get(pod.getMetadata().getUid());
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (known == null) {
        // Never run here (it ended before this node started, say): nothing to stop.
        podmanCallsRun(() -> agent.finishDeletion(pod));
      } else if (known.requestDeletion()) {
        onPodmanWorker(known, () -> stop(known));
      }
      return;
    }
    if (known != null || !admits(pod)) {
      return;
    }
    PodRun run = new PodRun(pod, podmanName(pod), clock.instant());
    if (runs.putIfAbsent(pod.getMetadata().getUid(), run) == null) {
      onPodmanWorker(run, () -> start(run));
    }
  }

  /** Pods not run yet: a Pod that ended before this node started stays as it is. */
  private static boolean admits(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return phase == null || phase.equals("Pending");
  }

  private void start(PodRun run) {
    if (run.stopRequested()) {
      return;
    }
    int attempt = run.nextStartAttempt();
    if (attempt == 0) {
      report(run);
      Long deadline = run.pod().getSpec().getActiveDeadlineSeconds();
      if (deadline != null) {
        later(run, Duration.ofSeconds(deadline), () -> deadlineExceeded(run));
      }
    }
    try {
      if (!imagesPresent(run)) {
        retryLater(run, attempt);
        return;
      }
      PodPreparer.PreparedPod prepared = preparer.prepare(run.pod(), run.podmanName());
      Path manifest = files.podDirectory(run.pod()).resolve("play.yaml");
      Files.writeString(manifest, PlayManifest.render(run.pod(), prepared, nodeId));
      podman.playKube(manifest);
    } catch (PodPreparer.PodConfigException e) {
      waitAll(run, "CreateContainerConfigError", e.getMessage());
      retryLater(run, attempt);
      return;
    } catch (Podman.PodmanException | IOException | UncheckedIOException e) {
      LOG.warn("could not start pod {}/{}: {}", run.namespace(), run.name(), e.getMessage());
      removeQuietly(run);
      waitAll(run, "RunContainerError", e.getMessage());
      retryLater(run, attempt);
      return;
    }
    if (run.stopRequested()) {
      removeQuietly(run);
      return;
    }
    try {
      for (String container : run.containerNames()) {
        podman.inspectContainer(run.podmanContainer(container)).ifPresent(inspection -> run.set(container,
            ContainerView.running(inspection.startedAt(), "podman://" + inspection.id(), inspection.imageId())));
      }
      report(run);
    } catch (Podman.PodmanException e) {
      LOG.warn("pod {}/{} started, but inspecting it failed: {}", run.namespace(), run.name(), e.getMessage());
    }
    run.containerNames().forEach(container -> logFollowers.submit(() -> follow(run, container)));
  }

  /** Reports ErrImagePull for each missing image, then ImagePullBackOff shortly after, as the kubelet does. */
  private boolean imagesPresent(PodRun run) {
    boolean allPresent = true;
    for (Container container : run.pod().getSpec().getContainers()) {
      if (!podman.imageExists(container.getImage())) {
        allPresent = false;
        run.set(container.getName(), ContainerView.waiting("ErrImagePull", notPresent(container)));
      }
    }
    if (!allPresent) {
      report(run);
      later(run, BACK_OFF_NOTICE, () -> {
        run.pod().getSpec().getContainers().stream()
            .filter(c -> "ErrImagePull".equals(run.get(c.getName()).waitingReason()))
            .forEach(c -> run.set(c.getName(), ContainerView.waiting("ImagePullBackOff", notPresent(c))));
        report(run);
      });
    }
    return allPresent;
  }

  private static String notPresent(Container container) {
    return "image \"" + container.getImage() + "\" not present on node";
  }

  /** Back-off as the kubelet's: 10 s, doubled per attempt, at most 5 min. */
  private void retryLater(PodRun run, int attempt) {
    later(run, Duration.ofMillis(Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempt, 10))),
        () -> start(run));
  }

  /** Runs {@code task} for {@code run} on a podman worker after {@code delay}, unless the Pod goes first. */
  private void later(PodRun run, Duration delay, Runnable task) {
    try {
      run.track(timers.schedule(() -> onPodmanWorker(run, task), delay.toMillis(), TimeUnit.MILLISECONDS));
    } catch (RejectedExecutionException e) {
      LOG.debug("node closed, dropping timer for pod {}/{}", run.namespace(), run.name());
    }
  }

  /** Podman calls run on a small pool; failures are logged (a Future nobody reads would hide them). */
  private void onPodmanWorker(PodRun run, Runnable task) {
    try {
      podmanCalls.submit(() -> {
        try {
          task.run();
        } catch (RuntimeException e) {
          LOG.warn("pod {}/{}: {}", run.namespace(), run.name(), e.getMessage());
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("node closed, dropping work for pod {}/{}", run.namespace(), run.name());
    }
  }

  private void removeQuietly(PodRun run) {
    try {
      podman.removePod(run.podmanName());
    } catch (Podman.PodmanException e) {
      LOG.warn("could not remove podman pod {}: {}", run.podmanName(), e.getMessage());
    }
  }

  private void waitAll(PodRun run, String reason, String message) {
    run.containerNames().forEach(container -> run.set(container, ContainerView.waiting(reason, message)));
    report(run);
  }

  /** Runs on a log follower thread for as long as the container runs. */
  private void follow(PodRun run, String container) {
    try {
      follower.follow(run, container).ifPresent(view -> {
        run.set(container, view);
        report(run);
        if (run.finished()) {
          // Exit codes, messages and logs are recorded: free podman's resources now.
          onPodmanWorker(run, () -> {
            removeQuietly(run);
            if (run.deletionRequested()) {
              agent.finishDeletion(run.pod());
            }
          });
        }
      });
    } catch (IOException | RuntimeException e) {
      LOG.warn("lost container {} of pod {}/{}: {}", container, run.namespace(), run.name(), e.getMessage());
    }
  }

  /**
   * Stops the containers within the Pod's grace period; the followers then report how they ended. A Pod
   * that never started gets a terminal phase right away, so that its deletion can complete.
   */
  private void stop(PodRun run) {
    if (!run.started()) {
      run.containerNames().forEach(container -> run.set(container, ContainerView.terminated(137,
          "ContainerStatusUnknown", "The container could not be located when the pod was terminated",
          null, clock.instant(), null, null)));
      report(run);
      if (run.deletionRequested()) {
        agent.finishDeletion(run.pod());
      }
      return;
    }
    Long grace = run.pod().getSpec().getTerminationGracePeriodSeconds();
    podman.stopPod(run.podmanName(), grace == null ? DEFAULT_GRACE_SECONDS : grace);
  }

  /** Runs {@code task} on a podman worker; for work that belongs to no known run. */
  private void podmanCallsRun(Runnable task) {
    try {
      podmanCalls.submit(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("node closed, dropping work");
    }
  }

  /** activeDeadlineSeconds, counted from admission as the kubelet does. */
  private void deadlineExceeded(PodRun run) {
    if (!run.finished() && run.requestStop()) {
      run.explain("DeadlineExceeded", "Pod was active on the node longer than the specified deadline");
      stop(run);
    }
  }

  /** The Pod object is gone: kill its containers at once and drop everything kept for it. */
  private void forget(PodRun run) {
    run.markDeleted();
    runs.remove(run.pod().getMetadata().getUid());
    onPodmanWorker(run, () -> {
      removeQuietly(run);
      deleteRecursively(files.podDirectory(run.pod()));
    });
  }

  /** Writes the run's full status through the status subresource (merge patch: lists replaced whole). */
  private void report(PodRun run) {
    if (run.deleted()) {
      return;
    }
    synchronized (run) {
      try {
        // The uid makes the patch a precondition: a new Pod of the same name is not this one.
        Map<String, Object> patch = Map.of("metadata", Map.of("uid", run.pod().getMetadata().getUid()),
            "status", run.status());
        client.pods().inNamespace(run.namespace()).withName(run.name()).subresource("status")
            .patch(PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(patch));
      } catch (KubernetesClientException e) {
        if (e.getCode() != 404 && e.getCode() != 409) {
          LOG.warn("could not report status of pod {}/{}: {}", run.namespace(), run.name(), e.getMessage());
        }
      }
    }
  }

  /** Unique per node and Pod object: a name can come back with a new uid, and nodes share one podman. */
  private String podmanName(Pod pod) {
    String uid = pod.getMetadata().getUid().replace("-", "");
    return pod.getMetadata().getNamespace() + "_" + pod.getMetadata().getName() + "_" + nodeId + "-"
        + uid.substring(Math.max(0, uid.length() - 12));
  }

  /** Stops watching, removes every podman pod this node started and, if it made it, the state directory. */
  @Override
  public void close() {
    agent.close();
    timers.shutdownNow();
    runs.values().forEach(PodRun::markDeleted);
    podmanCalls.shutdownNow();
    try {
      // A start still running could create its podman pod after the removals below.
      podmanCalls.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runs.values().parallelStream().forEach(this::removeQuietly);
    logFollowers.shutdownNow();
    runs.clear();
    if (ownsStateDirectory) {
      deleteRecursively(stateDirectory);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", directory, e.getMessage());
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}

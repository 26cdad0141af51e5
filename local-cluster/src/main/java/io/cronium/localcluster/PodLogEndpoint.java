package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.mockwebserver.http.MockResponse;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}, answered from a {@link PodLogSource} with the
 * API server's checks (unknown pod or container, container not started yet).
 *
 * <p>The mock web server sends every body whole, so {@code follow=true} returns what exists now and
 * ends the response instead of streaming.
 */
final class PodLogEndpoint {

  private static final Pattern PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");

  private final PodLogSource source;
  private final Clock clock;

  PodLogEndpoint(PodLogSource source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  static boolean handles(String resourcePath) {
    return PATH.matcher(resourcePath).matches();
  }

  /** Answers a log request; {@code pods} looks a Pod up by namespace and name. */
  MockResponse respond(String resourcePath, String rawQuery, BiFunction<String, String, Optional<Pod>> pods) {
    Matcher path = PATH.matcher(resourcePath);
    if (!path.matches()) {
      throw new IllegalArgumentException("not a pod log path: " + resourcePath);
    }
    String namespace = path.group(1);
    String podName = path.group(2);
    Optional<Pod> pod = pods.apply(namespace, podName);
    if (pod.isEmpty()) {
      return ApiStatus.notFound("pods", podName);
    }
    PodLogQuery query;
    try {
      query = PodLogQuery.parse(rawQuery, clock);
    } catch (IllegalArgumentException e) {
      return ApiStatus.badRequest(e.getMessage());
    }
    List<String> containers = pod.get().getSpec().getContainers().stream().map(Container::getName).toList();
    String container = query.container();
    if (container == null) {
      if (containers.size() != 1) {
        return ApiStatus.badRequest("a container name must be specified for pod " + podName
            + ", choose one of: " + containers);
      }
      container = containers.get(0);
    } else if (!containers.contains(container)) {
      return ApiStatus.badRequest("container " + container + " is not valid for pod " + podName);
    }
    List<LogLine> lines = source.lines(pod.get(), container);
    Optional<String> waitingReason = waitingReason(pod.get(), container);
    if (lines.isEmpty() && waitingReason.isPresent()) {
      return ApiStatus.badRequest("container \"" + container + "\" in pod \"" + podName
          + "\" is waiting to start: " + waitingReason.get());
    }
    return new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(query.render(lines));
  }

  /** Why the container has not started, or empty once it runs or ran. */
  private static Optional<String> waitingReason(Pod pod, String container) {
    List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
    Optional<ContainerStatus> status = statuses.stream().filter(s -> container.equals(s.getName())).findFirst();
    if (status.isEmpty() || status.get().getState() == null) {
      return Optional.of("ContainerCreating");
    }
    var state = status.get().getState();
    if (state.getRunning() != null || state.getTerminated() != null) {
      return Optional.empty();
    }
    return Optional.of(state.getWaiting() != null && state.getWaiting().getReason() != null
        ? state.getWaiting().getReason()
        : "ContainerCreating");
  }
}

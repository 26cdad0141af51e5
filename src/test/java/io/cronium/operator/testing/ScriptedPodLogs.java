package io.cronium.operator.testing;

import io.cronium.localcluster.LogLine;
import io.cronium.localcluster.PodLogSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's part of {@code pods/log} in API-tier tests: a test scripts what each Pod's log
 * request returns (lines, growing lines, an error); Pods without a script have no log.
 */
public final class ScriptedPodLogs implements PodLogSource {

  public static final ScriptedPodLogs INSTANCE = new ScriptedPodLogs();

  private final Map<String, PodLogSource> scripts = new ConcurrentHashMap<>();

  private ScriptedPodLogs() {}

  /** Answers the log requests of Pod {@code namespace/name} from {@code script}. */
  public void serve(String namespace, String name, PodLogSource script) {
    scripts.put(namespace + "/" + name, script);
  }

  /** The same lines on every request. */
  public void serve(String namespace, String name, List<LogLine> lines) {
    serve(namespace, name, (pod, container) -> lines);
  }

  @Override
  public List<LogLine> lines(Pod pod, String container) {
    PodLogSource script =
        scripts.get(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    return script == null ? List.of() : script.lines(pod, container);
  }
}

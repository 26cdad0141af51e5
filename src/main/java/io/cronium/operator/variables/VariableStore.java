package io.cronium.operator.variables;

import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.contract.RuntimeEnv;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * The namespace's variables: ConfigMap {@value #CONFIG_MAP_NAME}, one key per variable holding
 * its JSON value, readable with kubectl and mounted read-only into every job Pod. Only the
 * operator writes it, applying the writes and deletions each run reports, so job Pods need no
 * API credentials.
 */
public final class VariableStore {

  public static final String CONFIG_MAP_NAME = "cronium-variables";
  /** Where job Pods see the variables: where runtime-api looks without further settings. */
  public static final String MOUNT_PATH = RuntimeEnv.DEFAULT_VARIABLES_DIR;
  /** Conflicts in a row before giving up; each means another run saved meanwhile. */
  static final int MAX_ATTEMPTS = 10;

  private final KubernetesClient client;

  public VariableStore(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Applies a run's {@code changes} to the store. Read-modify-write guarded by the
   * resourceVersion: a concurrent save of other keys makes ours conflict and retry on top of it,
   * so neither is lost.
   *
   * @throws VariablesNotSavedException when the API server refuses or conflicts persist
   */
  public void save(String namespace, VariableChanges changes) {
    if (changes.isEmpty()) {
      return;
    }
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      try {
        ConfigMap current = client.configMaps().inNamespace(namespace).withName(CONFIG_MAP_NAME).get();
        if (current == null) {
          if (!changes.writes().isEmpty()) {
            client.resource(newStore(namespace, changes.writes())).create();
          }
        } else {
          ConfigMap changed = new ConfigMapBuilder(current).withData(changes.applyTo(current.getData())).build();
          client.resource(changed).update();
        }
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw new VariablesNotSavedException(namespace, changes.keys(), e.getMessage());
        }
      }
    }
    throw new VariablesNotSavedException(
        namespace, changes.keys(), MAX_ATTEMPTS + " conflicting concurrent writes in a row");
  }

  private static ConfigMap newStore(String namespace, Map<String, String> writes) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(CONFIG_MAP_NAME)
        .withNamespace(namespace)
        .addToLabels(JobRunLabels.MANAGED_BY, JobRunLabels.OPERATOR)
        .endMetadata()
        .withData(writes)
        .build();
  }
}

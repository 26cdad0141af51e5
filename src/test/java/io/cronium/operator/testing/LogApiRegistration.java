package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.LoopbackApiService;
import java.util.Map;

/**
 * The operator under test registered as the log API {@code logs.cronium.io}, as the chart
 * registers it, and the settings that make it serve there.
 */
public final class LogApiRegistration {

  public static final String APISERVICE = "v1alpha1.logs.cronium.io";

  private LogApiRegistration() {}

  /** Registers the log API of an operator of the release namespace {@code namespace}. */
  public static LoopbackApiService register(LocalCluster cluster, String namespace) {
    return LoopbackApiService.register(cluster, "logs.cronium.io", "v1alpha1", "cronium-operator", namespace);
  }

  /** The operator's configuration that serves the registered API. */
  public static Map<String, String> operatorConfig(LoopbackApiService api) {
    return Map.of(
        "cronium.log-api.port", Integer.toString(api.port()),
        "cronium.log-api.tls-cert-file", api.certificate().toString(),
        "cronium.log-api.tls-key-file", api.key().toString());
  }
}

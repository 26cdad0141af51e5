package io.cronium.operator.testing;

import io.cronium.localcluster.LocalCluster;
import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.Pki;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The operator under test registered as the aggregated log API, as the chart registers it: an
 * APIService whose Service the API server dials. The operator runs on 127.0.0.1 here, which
 * Endpoints cannot hold, so the Service is {@code ExternalName: localhost} (the API server's
 * service resolver dials its name and the APIService's port). The serving certificate names the
 * Service, signed by the cluster's CA, which is the APIService's caBundle.
 */
public final class LogApiRegistration implements AutoCloseable {

  public static final String SERVICE = "cronium-operator";
  public static final String APISERVICE = "v1alpha1.logs.cronium.io";

  private final KubernetesClient admin;
  private final int port;
  private final Path certificate;
  private final Path key;

  private LogApiRegistration(KubernetesClient admin, int port, Path certificate, Path key) {
    this.admin = admin;
    this.port = port;
    this.certificate = certificate;
    this.key = key;
  }

  /** Registers a log API to be served on a free port of 127.0.0.1 by an operator in {@code namespace}. */
  public static LogApiRegistration register(LocalCluster cluster, String namespace) {
    ControlPlane controlPlane = cluster.controlPlane();
    Pki.Issued serving = controlPlane.pki().server(SERVICE, List.of(SERVICE + "." + namespace + ".svc"));
    int port = ControlPlane.freePort();
    try {
      Path directory = Files.createTempDirectory("cronium-log-api-tls");
      Path certificate = Files.writeString(directory.resolve("tls.crt"), serving.certificatePem());
      Path key = Files.writeString(directory.resolve("tls.key"), serving.keyPem());
      KubernetesClient admin = cluster.client();
      admin.resource(new ServiceBuilder().withNewMetadata().withName(SERVICE).withNamespace(namespace).endMetadata()
          .withNewSpec().withType("ExternalName").withExternalName("localhost").endSpec().build())
          .forceConflicts().serverSideApply();
      GenericKubernetesResource apiService = new GenericKubernetesResource();
      apiService.setApiVersion("apiregistration.k8s.io/v1");
      apiService.setKind("APIService");
      apiService.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(APISERVICE).build());
      apiService.setAdditionalProperty("spec", Map.of(
          "group", "logs.cronium.io",
          "version", "v1alpha1",
          "service", Map.of("name", SERVICE, "namespace", namespace, "port", port),
          "caBundle", Base64.getEncoder().encodeToString(
              controlPlane.pki().authority().certificatePem().getBytes(StandardCharsets.US_ASCII)),
          "groupPriorityMinimum", 100,
          "versionPriority", 100));
      admin.resource(apiService).forceConflicts().serverSideApply();
      return new LogApiRegistration(admin, port, certificate, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The operator's configuration that serves the registered API. */
  public Map<String, String> operatorConfig() {
    return Map.of(
        "cronium.log-api.port", Integer.toString(port),
        "cronium.log-api.tls-cert-file", certificate.toString(),
        "cronium.log-api.tls-key-file", key.toString());
  }

  public int port() {
    return port;
  }

  /** Unregisters the API, so that discovery does not go on asking an operator that is gone. */
  @Override
  public void close() {
    admin.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService").withName(APISERVICE).delete();
  }
}

package io.cronium.localcluster;

import io.cronium.localcluster.controlplane.ControlPlane;
import io.cronium.localcluster.controlplane.Pki;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
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
 * An aggregated API served by a process on this machine, registered with the local cluster as a
 * chart registers one in a real cluster: an APIService whose Service the API server dials. The
 * server listens on 127.0.0.1, which Endpoints cannot hold, so the Service is
 * {@code ExternalName: localhost} (the API server's service resolver dials its name at the
 * APIService's port). Its serving certificate names the Service ({@code <service>.<namespace>.svc},
 * what the API server checks), signed by the cluster's CA, which is the APIService's caBundle.
 */
public final class LoopbackApiService implements AutoCloseable {

  private final KubernetesClient admin;
  private final String name;
  private final int port;
  private final Path certificate;
  private final Path key;

  private LoopbackApiService(KubernetesClient admin, String name, int port, Path certificate, Path key) {
    this.admin = admin;
    this.name = name;
    this.port = port;
    this.certificate = certificate;
    this.key = key;
  }

  /**
   * Registers {@code group/version} to be served on a free port of 127.0.0.1, behind Service
   * {@code namespace/service} (the namespace is created when missing).
   */
  public static LoopbackApiService register(
      LocalCluster cluster, String group, String version, String service, String namespace) {
    ControlPlane controlPlane = cluster.controlPlane();
    Pki.Issued serving = controlPlane.pki().server(service, List.of(service + "." + namespace + ".svc"));
    int port = ControlPlane.freePort();
    try {
      Path directory = Files.createTempDirectory("cronium-apiservice-tls");
      Path certificate = Files.writeString(directory.resolve("tls.crt"), serving.certificatePem());
      Path key = Files.writeString(directory.resolve("tls.key"), serving.keyPem());
      cluster.createNamespace(namespace);
      KubernetesClient admin = cluster.client();
      admin.resource(new ServiceBuilder().withNewMetadata().withName(service).withNamespace(namespace).endMetadata()
          .withNewSpec().withType("ExternalName").withExternalName("localhost").endSpec().build())
          .forceConflicts().serverSideApply();
      String name = version + "." + group;
      GenericKubernetesResource apiService = new GenericKubernetesResource();
      apiService.setApiVersion("apiregistration.k8s.io/v1");
      apiService.setKind("APIService");
      apiService.setMetadata(new ObjectMetaBuilder().withName(name).build());
      apiService.setAdditionalProperty("spec", Map.of(
          "group", group,
          "version", version,
          "service", Map.of("name", service, "namespace", namespace, "port", port),
          "caBundle", Base64.getEncoder().encodeToString(
              controlPlane.pki().authority().certificatePem().getBytes(StandardCharsets.US_ASCII)),
          "groupPriorityMinimum", 100,
          "versionPriority", 100));
      admin.resource(apiService).forceConflicts().serverSideApply();
      return new LoopbackApiService(admin, name, port, certificate, key);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The APIService's name, {@code <version>.<group>}. */
  public String name() {
    return name;
  }

  /** The port the server is to listen on. */
  public int port() {
    return port;
  }

  /** Its serving certificate (PEM). */
  public Path certificate() {
    return certificate;
  }

  /** Its serving certificate's key (PEM). */
  public Path key() {
    return key;
  }

  /** Unregisters the API, so that discovery does not go on asking a server that is gone. */
  @Override
  public void close() {
    admin.genericKubernetesResources("apiregistration.k8s.io/v1", "APIService").withName(name).delete();
  }
}

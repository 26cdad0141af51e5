package io.cronium.localcluster.controlplane;

import io.cronium.localcluster.Kubeconfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * A real Kubernetes control plane on loopback: etcd, kube-apiserver (TLS, client-certificate users,
 * {@code Node,RBAC} authorization, the aggregation layer's front-proxy flags), kube-controller-manager
 * (garbage collector, namespace, service-account and the other default controllers) and
 * kube-scheduler, each a child process on free ports with its data in one temporary folder.
 * No kubelet runs: a node agent registers itself (see {@code NodeAgent}). The API server and etcd
 * can be stopped and started again under a running cluster, as a fault test needs.
 */
public final class ControlPlane implements AutoCloseable {

  /** The group whose members may do anything (bootstrap RBAC binds it to cluster-admin). */
  public static final String MASTERS = "system:masters";
  /** The user of {@link #adminClient()} and the admin kubeconfig. */
  public static final String ADMIN_USER = "cronium-admin";
  public static final String FRONT_PROXY_CLIENT = "front-proxy-client";
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** Every API request once, when answered, without bodies: what {@link RequestTally} counts. */
  private static final String AUDIT_POLICY = """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: ["RequestReceived", "ResponseStarted"]
      rules:
      - level: None
        nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version"]
      - level: Metadata
      """;

  private final Binaries binaries;
  private final Path directory;
  private final Pki pki;
  private final Pki frontProxy;
  private final Pki.Issued admin;
  private final int apiPort;
  private final String etcdUrl;
  private final Component etcd;
  private final Component apiServer;
  private final Component controllerManager;
  private final Component scheduler;
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final KubernetesClient adminClient;

  private ControlPlane(Binaries binaries) throws IOException {
    this.binaries = binaries;
    this.directory = Files.createTempDirectory("cronium-control-plane");
    this.pki = Pki.newAuthority("cronium-local-ca");
    this.frontProxy = Pki.newAuthority("cronium-front-proxy-ca");
    this.admin = pki.client(ADMIN_USER, List.of(MASTERS));
    int etcdPort = freePort();
    int peerPort = freePort();
    this.apiPort = freePort();
    write("ca.crt", pki.authority().certificatePem());
    Pki.Issued serving = pki.loopbackServer("kube-apiserver");
    write("apiserver.crt", serving.certificatePem());
    write("apiserver.key", serving.keyPem());
    KeyPair serviceAccounts = Pki.newKeyPair();
    write("sa.key", Pki.pem(serviceAccounts.getPrivate()));
    write("sa.pub", Pki.pem(serviceAccounts.getPublic()));
    Pki.Issued kubeletClient = pki.client("kube-apiserver-kubelet-client", List.of(MASTERS));
    write("kubelet-client.crt", kubeletClient.certificatePem());
    write("kubelet-client.key", kubeletClient.keyPem());
    write("front-proxy-ca.crt", frontProxy.authority().certificatePem());
    Pki.Issued proxyClient = frontProxy.client(FRONT_PROXY_CLIENT, List.of());
    write("front-proxy-client.crt", proxyClient.certificatePem());
    write("front-proxy-client.key", proxyClient.keyPem());
    Path controllerManagerConfig = writeKubeconfig("controller-manager.kubeconfig",
        pki.client("system:kube-controller-manager", List.of()));
    Path schedulerConfig = writeKubeconfig("scheduler.kubeconfig", pki.client("system:kube-scheduler", List.of()));
    write("audit-policy.yaml", AUDIT_POLICY);

    this.etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    etcd = component("etcd", List.of(
        "--name=local", "--data-dir=" + directory.resolve("etcd"),
        "--listen-client-urls=" + etcdUrl, "--advertise-client-urls=" + etcdUrl,
        "--listen-peer-urls=" + peerUrl, "--initial-advertise-peer-urls=" + peerUrl,
        "--initial-cluster=local=" + peerUrl,
        // Throw-away data: durability costs time and buys nothing here.
        "--unsafe-no-fsync=true", "--log-level=warn"));
    apiServer = component("kube-apiserver", List.of(
        "--etcd-servers=" + etcdUrl,
        "--bind-address=127.0.0.1", "--secure-port=" + apiPort, "--advertise-address=127.0.0.1",
        "--endpoint-reconciler-type=none",
        "--tls-cert-file=" + file("apiserver.crt"), "--tls-private-key-file=" + file("apiserver.key"),
        "--client-ca-file=" + file("ca.crt"),
        "--service-account-issuer=https://127.0.0.1:" + apiPort,
        "--service-account-key-file=" + file("sa.pub"), "--service-account-signing-key-file=" + file("sa.key"),
        "--service-cluster-ip-range=10.0.0.0/24", "--allow-privileged=true",
        "--authorization-mode=Node,RBAC", "--enable-admission-plugins=NodeRestriction",
        "--kubelet-client-certificate=" + file("kubelet-client.crt"),
        "--kubelet-client-key=" + file("kubelet-client.key"),
        "--kubelet-certificate-authority=" + file("ca.crt"),
        "--kubelet-preferred-address-types=InternalIP",
        "--requestheader-client-ca-file=" + file("front-proxy-ca.crt"),
        "--requestheader-allowed-names=" + FRONT_PROXY_CLIENT,
        "--requestheader-username-headers=X-Remote-User", "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        "--proxy-client-cert-file=" + file("front-proxy-client.crt"),
        "--proxy-client-key-file=" + file("front-proxy-client.key"),
        "--audit-policy-file=" + file("audit-policy.yaml"), "--audit-log-path=" + file("audit.log"),
        "--audit-log-format=json",
        // Never rotated (0 would mean lumberjack's 100 MB): RequestTally reads on from an offset.
        "--audit-log-maxsize=1000000",
        "--profiling=false"));
    controllerManager = component("kube-controller-manager", List.of(
        "--kubeconfig=" + controllerManagerConfig, "--bind-address=127.0.0.1", "--secure-port=0",
        "--leader-elect=false", "--use-service-account-credentials=true",
        "--service-account-private-key-file=" + file("sa.key"), "--root-ca-file=" + file("ca.crt"),
        "--controllers=*", "--profiling=false"));
    scheduler = component("kube-scheduler", List.of(
        "--kubeconfig=" + schedulerConfig, "--bind-address=127.0.0.1", "--secure-port=0",
        "--leader-elect=false", "--profiling=false"));
    adminClient = newClient(adminConfig());
  }

  /** Starts a control plane with the binaries {@link Binaries#locate()} finds. */
  public static ControlPlane start() {
    return start(Binaries.locate());
  }

  /** Starts every component and returns once the API server is ready and the controllers work. */
  public static ControlPlane start(Binaries binaries) {
    Instant begin = Instant.now();
    ControlPlane plane;
    try {
      plane = new ControlPlane(binaries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      plane.startEtcd();
      plane.launchApiServer();
      plane.controllerManager.start();
      plane.scheduler.start();
      // The service-account controller creating "default" proves the controller manager is working.
      plane.await("the controller manager", plane.controllerManager,
          () -> plane.adminClient.serviceAccounts().inNamespace("default").withName("default").get() != null);
      LOG.info("control plane ready at {} in {} ms", plane.url(), Duration.between(begin, Instant.now()).toMillis());
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  /**
   * Starts etcd on its ports with its data, and waits until it answers: after {@link #stopEtcd()},
   * the cluster's objects are all there again (a fault test's etcd restart).
   */
  public void startEtcd() {
    etcd.start();
    HttpClient http = HttpClient.newHttpClient();
    URI health = URI.create(etcdUrl + "/health");
    await("etcd", etcd, () -> get(http, health).contains("\"health\":\"true\""));
  }

  /** Stops etcd (SIGTERM, then SIGKILL after a grace period); the API server stays up without it. */
  public void stopEtcd() {
    etcd.stop();
  }

  /**
   * Starts the API server on its port with its flags, and waits until /readyz says ok: after
   * {@link #stopApiServer()}, clients reconnect to the same URL with the same credentials. Then
   * restarts kube-controller-manager and kube-scheduler, as on a real control plane: there they
   * lose their leader lease while the API server is away, exit, and their kubelet starts them again
   * (left running, they would wait out client-go's backoff before scheduling anything again).
   */
  public void startApiServer() {
    launchApiServer();
    for (Component controller : List.of(controllerManager, scheduler)) {
      controller.stop();
      controller.start();
    }
  }

  private void launchApiServer() {
    apiServer.start();
    HttpClient http = HttpClient.newBuilder().sslContext(adminTls()).build();
    URI ready = URI.create(url() + "/readyz");
    await("kube-apiserver", apiServer, () -> "ok".equals(get(http, ready)));
  }

  /** Stops the API server (SIGTERM, then SIGKILL after a grace period); etcd keeps the data. */
  public void stopApiServer() {
    apiServer.stop();
  }

  public Binaries binaries() {
    return binaries;
  }

  /** {@code https://127.0.0.1:<port>} */
  public String url() {
    return "https://127.0.0.1:" + apiPort;
  }

  /** The cluster's CA, which signs the API server's, the users' and the node's certificates. */
  public Pki pki() {
    return pki;
  }

  /**
   * The front proxy's CA ({@code --requestheader-client-ca-file}): a client certificate it signs
   * for {@link #FRONT_PROXY_CLIENT} is the API server's own when it calls aggregated API servers.
   */
  public Pki frontProxy() {
    return frontProxy;
  }

  /**
   * CPU time each program of the control plane has used so far, by name (etcd, kube-apiserver,
   * kube-controller-manager, kube-scheduler): what a benchmark compares controllers by.
   */
  public Map<String, Duration> cpuTimes() {
    Map<String, Duration> times = new LinkedHashMap<>();
    for (Component component : List.of(etcd, apiServer, controllerManager, scheduler)) {
      times.put(component.name(), component.cpuTime());
    }
    return times;
  }

  /** Counts, from now on, the API requests made by the users {@code users} accepts. */
  public RequestTally requests(Predicate<String> users) {
    RequestTally tally = new RequestTally(directory.resolve("audit.log"), users);
    tally.reset();
    return tally;
  }

  /** A client of the cluster admin ({@code system:masters}), closed with the control plane. */
  public KubernetesClient adminClient() {
    return adminClient;
  }

  public Config adminConfig() {
    return config(admin);
  }

  /** A client configuration that authenticates as {@code user} in {@code groups} (a client certificate). */
  public Config userConfig(String user, List<String> groups) {
    return config(pki.client(user, groups));
  }

  /** A client for {@code config}, closed with the control plane. */
  public synchronized KubernetesClient newClient(Config config) {
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    clients.add(client);
    return client;
  }

  /** Writes an admin kubeconfig for kubectl, the operator or a user. */
  public Path writeAdminKubeconfig(Path file) {
    return Kubeconfig.write(file, url(), identity(admin));
  }

  /** Writes a kubeconfig of {@code user} in {@code groups}. */
  public Path writeKubeconfig(Path file, String user, List<String> groups) {
    return Kubeconfig.write(file, url(), identity(pki.client(user, groups)));
  }

  /** Stops every component, then deletes the folder. */
  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    for (Component component : List.of(scheduler, controllerManager, apiServer, etcd)) {
      if (component != null) {
        component.stop();
      }
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", directory, e.getMessage());
    }
  }

  private Config config(Pki.Issued user) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withNamespace("default")
        .withCaCertData(base64(pki.authority().certificatePem()))
        .withClientCertData(base64(user.certificatePem()))
        .withClientKeyData(base64(user.keyPem()))
        .withClientKeyAlgo("RSA")
        .build();
  }

  private Kubeconfig.TlsIdentity identity(Pki.Issued user) {
    return new Kubeconfig.TlsIdentity(pki.authority().certificatePem(), user.certificatePem(), user.keyPem());
  }

  private SSLContext adminTls() {
    return Tls.context(admin, pki.authority().certificate());
  }

  private Component component(String name, List<String> arguments) {
    return new Component(name, binaries.path(name), arguments, directory);
  }

  private Path writeKubeconfig(String name, Pki.Issued user) {
    return Kubeconfig.write(directory.resolve(name), url(), identity(user));
  }

  private void write(String name, String content) throws IOException {
    Files.writeString(directory.resolve(name), content, StandardCharsets.UTF_8);
  }

  private String file(String name) {
    return directory.resolve(name).toString();
  }

  private void await(String what, Component component, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      component.checkAlive();
      try {
        if (ready.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException e) {
        LOG.trace("{} not ready yet: {}", what, e.getMessage());
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(what + " was not ready within " + START_TIMEOUT.toSeconds() + " s; last lines of "
        + component.log() + ":\n" + component.logTail(30));
  }

  private static String get(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the control plane", e);
    }
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A port on 127.0.0.1 that is free now (the OS hands out a fresh one each time). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

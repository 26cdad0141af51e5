package io.cronium.operator.logapi;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The API server's current {@link RequestHeaderAuthentication}, kept by watching
 * {@code kube-system/extension-apiserver-authentication} (readable through the built-in Role
 * {@code extension-apiserver-authentication-reader}), so that a rotated front-proxy CA is trusted
 * as soon as the API server publishes it. Until the ConfigMap is read, no request is trusted.
 */
@ApplicationScoped
public class FrontProxyTrust {

  private static final Logger LOG = Logger.getLogger(FrontProxyTrust.class);

  private final KubernetesClient client;
  private final AtomicReference<Optional<RequestHeaderAuthentication>> current =
      new AtomicReference<>(Optional.empty());
  private SharedIndexInformer<ConfigMap> informer;

  public FrontProxyTrust(KubernetesClient client) {
    this.client = client;
  }

  /** Starts watching; idempotent. */
  public synchronized void start() {
    if (informer != null) {
      return;
    }
    informer = client.configMaps().inNamespace(RequestHeaderAuthentication.NAMESPACE)
        .withName(RequestHeaderAuthentication.CONFIG_MAP)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(ConfigMap configMap) {
            read(configMap);
          }

          @Override
          public void onUpdate(ConfigMap before, ConfigMap after) {
            read(after);
          }

          @Override
          public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            current.set(Optional.empty());
          }
        });
  }

  public Optional<RequestHeaderAuthentication> current() {
    return current.get();
  }

  private void read(ConfigMap configMap) {
    try {
      Optional<RequestHeaderAuthentication> read =
          RequestHeaderAuthentication.from(configMap.getData() == null ? java.util.Map.of() : configMap.getData());
      if (read.isEmpty()) {
        LOG.errorf("%s/%s has no requestheader-client-ca-file: the API server runs without"
                + " --requestheader-client-ca-file, so the log API cannot trust any request",
            RequestHeaderAuthentication.NAMESPACE, RequestHeaderAuthentication.CONFIG_MAP);
      }
      current.set(read);
    } catch (IllegalArgumentException unreadable) {
      LOG.errorf("%s/%s cannot be read (%s): the log API keeps trusting what it read before",
          RequestHeaderAuthentication.NAMESPACE, RequestHeaderAuthentication.CONFIG_MAP, unreadable.getMessage());
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (informer != null) {
      informer.close();
    }
  }
}

package io.cronium.operator.webhook;

import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.WebhookSecretRef;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;

/**
 * Reads the shared secret an Event's webhook names. One GET per delivery, not a cache: a rotated
 * or revoked Secret counts from the next delivery, and the operator holds no Secret informer
 * (which would need list and watch on every Secret).
 */
@ApplicationScoped
class WebhookSecrets {

  /** The secret's bytes, or why there are none; the problem names the Secret and key, never a value. */
  sealed interface Lookup {}

  record Found(byte[] value) implements Lookup {}

  record Unusable(String problem) implements Lookup {}

  private final KubernetesClient client;

  WebhookSecrets(KubernetesClient client) {
    this.client = client;
  }

  /** @param event an Event with spec.webhook */
  Lookup read(Event event) {
    WebhookSecretRef ref = event.getSpec().getWebhook().getSecretRef();
    String key = ref.getKey() == null ? WebhookSecretRef.DEFAULT_KEY : ref.getKey();
    Secret secret = client.secrets().inNamespace(event.getMetadata().getNamespace()).withName(ref.getName()).get();
    if (secret == null) {
      return new Unusable("Secret \"" + ref.getName() + "\" does not exist");
    }
    byte[] value = value(secret, key);
    if (value == null) {
      return new Unusable("Secret \"" + ref.getName() + "\" has no key \"" + key + "\"");
    }
    if (value.length == 0) {
      // An empty HMAC key or token would let anyone in.
      return new Unusable("key \"" + key + "\" of Secret \"" + ref.getName() + "\" is empty");
    }
    return new Found(value);
  }

  /** The API server returns a Secret's values in data only (stringData is write-only). */
  private static byte[] value(Secret secret, String key) {
    if (secret.getData() == null || !secret.getData().containsKey(key)) {
      return null;
    }
    String encoded = secret.getData().get(key);
    return encoded == null ? new byte[0] : Base64.getDecoder().decode(encoded);
  }
}

package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** Lets an HTTP POST to the operator start the Event (docs/webhooks.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookSpec {

  @Required
  @JsonPropertyDescription(
      "The Secret, in the Event's namespace, holding the shared secret a delivery is checked"
          + " against: the key of an X-Cronium-Signature (sha256=HEX, the body's HMAC-SHA256) or a"
          + " bearer token.")
  private WebhookSecretRef secretRef;

  public WebhookSpec() {}

  public WebhookSpec(WebhookSecretRef secretRef) {
    this.secretRef = secretRef;
  }

  public WebhookSecretRef getSecretRef() {
    return secretRef;
  }

  public void setSecretRef(WebhookSecretRef secretRef) {
    this.secretRef = secretRef;
  }
}

package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the Event's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WebhookSecretRef {

  /** The key read when the reference names none. */
  public static final String DEFAULT_KEY = "token";

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret.")
  private String name;

  @Default(DEFAULT_KEY)
  @Pattern("^[-._a-zA-Z0-9]+$")
  @JsonPropertyDescription("Key in the Secret's data whose value is the shared secret.")
  private String key = DEFAULT_KEY;

  public WebhookSecretRef() {}

  public WebhookSecretRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }
}

package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.SecretKeySelector;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.value) != has(self.valueFrom)",
    message = "set exactly one of value or valueFrom")
public class HttpHeader {

  @Required
  @JsonPropertyDescription("Header name.")
  private String name;

  @JsonPropertyDescription("Literal header value. Use valueFrom for credentials.")
  private String value;

  @JsonPropertyDescription("Header value taken from a Secret; the value never enters the Pod spec.")
  private ValueSource valueFrom;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }

  public ValueSource getValueFrom() {
    return valueFrom;
  }

  public void setValueFrom(ValueSource valueFrom) {
    this.valueFrom = valueFrom;
  }

  /** Where a header value comes from; Secrets only, so credentials stay out of the Event. */
  public static class ValueSource {
    @Required
    @JsonPropertyDescription("Key of a Secret in the Event's namespace.")
    private SecretKeySelector secretKeyRef;

    public SecretKeySelector getSecretKeyRef() {
      return secretKeyRef;
    }

    public void setSecretKeyRef(SecretKeySelector secretKeyRef) {
      this.secretKeyRef = secretKeyRef;
    }
  }
}

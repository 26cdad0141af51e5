package io.cronium.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The request an HTTP Event performs; runtime-api sends it from inside the job Pod. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpRequest {

  @Default("GET")
  @Pattern("^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$")
  @JsonPropertyDescription("HTTP method: GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.")
  private String method = "GET";

  @Required
  @Pattern("^https?://.+")
  @JsonPropertyDescription("Absolute http:// or https:// URL.")
  private String url;

  @JsonPropertyDescription("Request headers; take credentials from a Secret with valueFrom.")
  private List<HttpHeader> headers = new ArrayList<>();

  @JsonPropertyDescription("Request body, sent as is.")
  private String body;

  @Default("30")
  @Min(1)
  @Max(3600)
  @JsonPropertyDescription("Seconds to wait for the response before the run fails.")
  private Integer timeoutSeconds = 30;

  @JsonPropertyDescription(
      "Status codes that count as success. Empty: 200-399 succeed, anything else fails.")
  private List<Integer> acceptedStatusCodes = new ArrayList<>();

  public String getMethod() {
    return method;
  }

  public void setMethod(String method) {
    this.method = method;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public List<HttpHeader> getHeaders() {
    return headers;
  }

  public void setHeaders(List<HttpHeader> headers) {
    this.headers = headers;
  }

  public String getBody() {
    return body;
  }

  public void setBody(String body) {
    this.body = body;
  }

  public Integer getTimeoutSeconds() {
    return timeoutSeconds;
  }

  public void setTimeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  public List<Integer> getAcceptedStatusCodes() {
    return acceptedStatusCodes;
  }

  public void setAcceptedStatusCodes(List<Integer> acceptedStatusCodes) {
    this.acceptedStatusCodes = acceptedStatusCodes;
  }
}

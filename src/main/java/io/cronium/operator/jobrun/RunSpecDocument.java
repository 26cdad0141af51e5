package io.cronium.operator.jobrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventSpec;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.JobRun;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * Builds the {@code CRONIUM_RUN_SPEC} document runtime-api reads (docs/runtime-contract.md).
 * Secret-backed HTTP headers appear only as the name of an env var the kubelet fills in.
 */
final class RunSpecDocument {

  static final String ENV_NAME = "CRONIUM_RUN_SPEC";

  private RunSpecDocument() {}

  /** Env var name carrying the value of the {@code index}-th header when it comes from a Secret. */
  static String headerEnvName(int index) {
    return "CRONIUM_HTTP_HEADER_" + index;
  }

  static String render(JobRun run, Event event, int attempt) {
    EventSpec spec = event.getSpec();
    ObjectNode doc = Serialization.jsonMapper().createObjectNode();
    doc.put("executionId", run.getMetadata().getName());
    doc.put("type", spec.getType().name());
    doc.put("script", spec.getType().isScript() ? spec.getScript() : null);
    doc.set("http", spec.getHttp() == null ? null : http(spec.getHttp()));
    JsonNode input = run.getSpec().getInput() != null ? run.getSpec().getInput() : spec.getInput();
    doc.set("input", input);
    ObjectNode context = doc.putObject("event");
    context.put("name", event.getMetadata().getName());
    context.put("namespace", event.getMetadata().getNamespace());
    context.put("runName", run.getMetadata().getName());
    context.put("trigger", run.getSpec().getTrigger().name());
    context.put("attempt", attempt);
    context.put("scheduledTime", run.getSpec().getScheduledTime());
    doc.put("timeoutSeconds", spec.getTimeoutSeconds());
    return doc.toString();
  }

  private static ObjectNode http(HttpRequest request) {
    ObjectNode http = Serialization.jsonMapper().createObjectNode();
    http.put("method", request.getMethod());
    http.put("url", request.getUrl());
    ArrayNode headers = http.putArray("headers");
    List<HttpHeader> specHeaders = request.getHeaders();
    for (int i = 0; i < specHeaders.size(); i++) {
      HttpHeader header = specHeaders.get(i);
      ObjectNode node = headers.addObject().put("name", header.getName());
      if (header.getValueFrom() != null) {
        node.put("valueFromEnv", headerEnvName(i));
      } else {
        node.put("value", header.getValue());
      }
    }
    http.put("body", request.getBody());
    http.put("timeoutSeconds", request.getTimeoutSeconds());
    ArrayNode accepted = http.putArray("acceptedStatusCodes");
    request.getAcceptedStatusCodes().forEach(accepted::add);
    return http;
  }
}

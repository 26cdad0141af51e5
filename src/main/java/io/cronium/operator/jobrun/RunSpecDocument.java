package io.cronium.operator.jobrun;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventSpec;
import io.cronium.api.v1alpha1.HttpHeader;
import io.cronium.api.v1alpha1.HttpRequest;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.contract.EventContext;
import io.cronium.contract.HttpSpec;
import io.cronium.contract.RunSpec;
import io.cronium.contract.RunType;
import io.cronium.contract.RuntimeEnv;
import io.cronium.contract.ToolGrant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code CRONIUM_RUN_SPEC} document of one attempt, from the JobRun and its Event.
 * Secret-backed HTTP headers appear only as the name of an env var the kubelet fills in.
 */
final class RunSpecDocument {

  private RunSpecDocument() {}

  static String render(JobRun run, Event event, int attempt, List<ToolGrant> tools, boolean allowPrivateTargets) {
    EventSpec spec = event.getSpec();
    JsonNode input = run.getSpec().getInput() != null ? run.getSpec().getInput() : spec.getInput();
    EventContext context = new EventContext(
        event.getMetadata().getName(),
        event.getMetadata().getNamespace(),
        run.getMetadata().getName(),
        run.getSpec().getTrigger().name(),
        attempt,
        run.getSpec().getScheduledTime());
    return new RunSpec(
            run.getMetadata().getName(),
            RunType.valueOf(spec.getType().name()),
            spec.getType().isScript() ? spec.getScript() : null,
            spec.getHttp() == null ? null : http(spec.getHttp()),
            input,
            context.toJson(),
            spec.getTimeoutSeconds(),
            tools,
            allowPrivateTargets)
        .toJson();
  }

  private static HttpSpec http(HttpRequest request) {
    List<HttpSpec.Header> headers = new ArrayList<>();
    List<HttpHeader> specHeaders = request.getHeaders();
    for (int i = 0; i < specHeaders.size(); i++) {
      HttpHeader header = specHeaders.get(i);
      headers.add(header.getValueFrom() != null
          ? HttpSpec.Header.fromEnv(header.getName(), RuntimeEnv.httpHeader(i))
          : HttpSpec.Header.literal(header.getName(), header.getValue()));
    }
    return new HttpSpec(request.getMethod(), request.getUrl(), headers, request.getBody(),
        request.getTimeoutSeconds(), request.getAcceptedStatusCodes());
  }
}

package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The fabric8 CRUD mock, corrected where the operator (with java-operator-sdk defaults) and kubectl
 * depend on real API server behaviour. Each override says what the stock dispatcher gets wrong;
 * everything else is the stock behaviour.
 */
public class CroniumCrudDispatcher extends KubernetesCrudDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(CroniumCrudDispatcher.class);
  private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String STATUS_SUFFIX = "/status";

  /**
   * Patches read, merge and write back: holding this lock around every write makes that atomic, as
   * the API server's optimistic retry loop does. Taken before the stock lock, never after it.
   */
  private final ReentrantLock writes = new ReentrantLock();
  private final DiscoveryDocuments discovery = new DiscoveryDocuments();
  private final PodLogEndpoint podLogs;
  private final Clock clock = Clock.systemUTC();
  private final RequestTally requests = new RequestTally();

  private final AccessPolicy accessPolicy;

  public CroniumCrudDispatcher() {
    this(PodLogSource.NONE);
  }

  public CroniumCrudDispatcher(PodLogSource podLogSource) {
    this(podLogSource, AccessPolicy.ALLOW_ALL);
  }

  public CroniumCrudDispatcher(PodLogSource podLogSource, AccessPolicy accessPolicy) {
    this.podLogs = new PodLogEndpoint(podLogSource, clock);
    this.accessPolicy = accessPolicy;
  }

  /** Every request answered so far, by method and resource type. */
  public RequestTally requests() {
    return requests;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.record(request.getMethod(), ResourcePaths.withoutQuery(request.getPath()));
    try {
      return route(request);
    } catch (RuntimeException e) {
      // Stock lets an exception escape, and the mock web server then never answers: the client hangs.
      LOG.warn("{} {} failed", request.getMethod(), request.getPath(), e);
      return ApiStatus.failure(500, "local cluster: " + e, null, null);
    }
  }

  private MockResponse route(RecordedRequest request) {
    String path = request.getPath();
    // Query parameters of writes (fieldManager, force, dryRun) must not change the routing: the
    // stock handlers test path.endsWith("/status") and treat "/status?fieldManager=x" as the main resource.
    String resourcePath = ResourcePaths.withoutQuery(path);
    HttpMethod method = request.method();
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf") && !AccessReviews.handles(resourcePath)) {
      return ApiStatus.failure(415, "the local cluster reads JSON and YAML only, not " + contentType, null, null);
    }
    MockResponse response = switch (method) {
      case GET -> get(path, resourcePath, request.getHeader("Accept"));
      case POST -> AccessReviews.handles(resourcePath)
          ? AccessReviews.respond(resourcePath, contentType, request.getUtf8Body(), accessPolicy)
          : writing(() -> create(resourcePath, request.getUtf8Body()));
      case PUT -> writing(() -> update(resourcePath, request.getUtf8Body()));
      case PATCH -> writing(() -> patch(resourcePath, contentType, request.getUtf8Body()));
      case DELETE -> writing(() -> handleDelete(path));
      default -> super.dispatch(request);
    };
    return withApiConventions(response, method, resourcePath);
  }

  private MockResponse get(String path, String resourcePath, String accept) {
    // Without these the stock GET matches no path pattern, and an empty pattern matches every stored object.
    if (DiscoveryDocuments.handles(resourcePath)) {
      return discovery.document(resourcePath, storedCrds())
          .map(document -> ApiStatus.json(200, Serialization.asJson(document)))
          .orElseGet(() -> ApiStatus.failure(404, "the server could not find the requested resource", null, null));
    }
    if (PodLogEndpoint.handles(resourcePath)) {
      return podLogs.respond(resourcePath, ResourcePaths.queryOf(path), this::storedPod);
    }
    if (resourcePath.equals("/healthz") || resourcePath.equals("/readyz") || resourcePath.equals("/livez")) {
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok");
    }
    if (resourcePath.startsWith("/openapi")) {
      // No schemas here: kubectl then falls back to its compiled-in ones (use --validate=false).
      return ApiStatus.failure(404, "the server could not find the requested resource", null, null);
    }
    MockResponse response = handleGet(path);
    // kubectl get asks for a Table and, without one, prints NAME and AGE only.
    if (ServerSideTables.requested(accept) && response.code() == 200 && response.getWebSocketListener() == null) {
      Map<String, String> attributes = attributes().fromKubernetesPath(resourcePath);
      String group = attributes.get(KubernetesAttributesExtractor.API);
      String plural = attributes.get(KubernetesAttributesExtractor.PLURAL);
      Optional<CustomResourceDefinition> crd = storedCrds().stream()
          .filter(c -> c.getSpec().getGroup().equals(group) && c.getSpec().getNames().getPlural().equals(plural))
          .findFirst();
      JsonNode stored = Serialization.unmarshal(response.getBody().readUtf8(), JsonNode.class);
      return ApiStatus.json(200, Serialization.asJson(ServerSideTables.table(stored, plural, crd,
          attributes.get(KubernetesAttributesExtractor.VERSION), clock.instant())));
    }
    return response;
  }

  /**
   * POST. Stock names an object with generateName "{generateName}-{uuid}"; the API server appends five
   * random characters, which keeps derived names (Pods, label values) within their length limits.
   */
  private MockResponse create(String collectionPath, String body) {
    JsonNode object = Serialization.unmarshal(body, JsonNode.class);
    JsonNode metadata = object == null ? null : object.get("metadata");
    if (metadata instanceof ObjectNode meta && meta.path("name").asText("").isEmpty()
        && !meta.path("generateName").asText("").isEmpty()) {
      meta.put("name", GeneratedNames.next(meta.get("generateName").asText(),
          name -> stored(collectionPath + "/" + name).isPresent()));
      body = Serialization.asJson(object);
    }
    return handleCreate(request(HttpMethod.POST, collectionPath, body));
  }

  /**
   * PUT. Stock: when the update removes the last finalizer of an object being deleted, the object is
   * deleted and the response body is empty (JOSDK then fails on a null resource); the API server
   * returns the object. Stock also ignores a stale resourceVersion on a /status update, and a uid that
   * names another object of the same name (a precondition for the API server).
   */
  private MockResponse update(String resourcePath, String body) {
    Optional<String> conflict = stored(resourcePath).flatMap(current -> WritePreconditions.failure(
        Serialization.unmarshal(body, JsonNode.class).path("metadata"), current.path("metadata"),
        resourcePath.endsWith(STATUS_SUFFIX)));
    if (conflict.isPresent()) {
      return ApiStatus.failure(409, conflict.get(), null, null);
    }
    MockResponse response = handleUpdate(request(HttpMethod.PUT, resourcePath, body));
    boolean deletedByUpdate = response.code() == 200
        && (response.getBody() == null || response.getBody().size() == 0);
    return deletedByUpdate ? response.setBody(body) : response;
  }

  /**
   * PATCH, computed here and stored through {@link #update} so that every patch type gets the same
   * status, generation, resourceVersion and finalizer handling. Stock: server-side apply and strategic
   * merge patch get 415, merge patch appends to lists and cannot delete a field with null, and apply
   * cannot create.
   */
  private MockResponse patch(String resourcePath, String contentType, String body) {
    PatchType type = PatchType.of(contentType);
    if (type == PatchType.UNSUPPORTED) {
      return ApiStatus.failure(415, "the body of the request was in an unknown format: " + contentType, null, null);
    }
    JsonNode patch;
    try {
      // Apply bodies may be YAML; unmarshal reads both.
      patch = Serialization.unmarshal(body, JsonNode.class);
    } catch (RuntimeException e) {
      return ApiStatus.badRequest("error decoding patch: " + e.getMessage());
    }
    boolean status = resourcePath.endsWith(STATUS_SUFFIX);
    Optional<JsonNode> current = stored(resourcePath);
    if (current.isEmpty()) {
      // Apply creates a missing object (not through /status); other patches need one.
      return type == PatchType.APPLY && !status
          ? create(ResourcePaths.collectionOf(resourcePath), Serialization.asJson(patch))
          : notFound(resourcePath);
    }
    JsonNode updated;
    try {
      // Server-side apply without field ownership: the applied fields are merged into the object.
      updated = type == PatchType.JSON
          ? JsonPatch.apply(patch, current.get())
          : JsonMergePatch.apply(current.get(), patch);
    } catch (JsonPatchException e) {
      return ApiStatus.failure(422, "the JSON patch could not be applied: " + e.getMessage(), null, null);
    }
    return update(resourcePath, Serialization.asJson(updated));
  }

  /**
   * Stock knows the status subresource from CRDs only; Pods have one too. Without it a Pod written
   * from a stale copy (say, to drop a finalizer) would overwrite the status the kubelet reported.
   */
  @Override
  public boolean isStatusSubresourceEnabledForResource(String path) {
    Map<String, String> attributes = attributes().fromKubernetesPath(path);
    return super.isStatusSubresourceEnabledForResource(path)
        || attributes.get(KubernetesAttributesExtractor.API) == null
        && "pods".equals(attributes.get(KubernetesAttributesExtractor.PLURAL));
  }

  /** Stock errors carry no body for 404 and reason "Invalid" for every code; the API server's do. */
  private MockResponse withApiConventions(MockResponse response, HttpMethod method, String resourcePath) {
    if (response.getWebSocketListener() != null) {
      return response;
    }
    boolean emptyBody = response.getBody() == null || response.getBody().size() == 0;
    if (response.code() == 404 && emptyBody) {
      return notFound(resourcePath);
    }
    String text = emptyBody ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
    if (response.code() >= 400 && text.startsWith("{")) {
      JsonNode body = Serialization.unmarshal(text, JsonNode.class);
      if ("Status".equals(body.path("kind").asText())) {
        String reason = method == HttpMethod.POST && response.code() == 409
            ? "AlreadyExists"
            : ApiStatus.reasonFor(response.code());
        ((ObjectNode) body).put("reason", reason);
        response.setBody(Serialization.asJson(body));
      }
    }
    if (!emptyBody && response.getHeaders().header("Content-Type") == null) {
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  private MockResponse notFound(String resourcePath) {
    Map<String, String> attributes = attributes().fromKubernetesPath(resourcePath);
    String group = attributes.get(KubernetesAttributesExtractor.API);
    String plural = attributes.getOrDefault(KubernetesAttributesExtractor.PLURAL, "resource");
    return ApiStatus.notFound(group == null ? plural : plural + "." + group,
        attributes.getOrDefault(KubernetesAttributesExtractor.NAME, ""));
  }

  private Optional<JsonNode> stored(String resourcePath) {
    return storedBody(resourcePath).map(body -> Serialization.unmarshal(body, JsonNode.class));
  }

  private Optional<String> storedBody(String resourcePath) {
    MockResponse response = handleGet(resourcePath);
    if (response.code() != 200 || response.getBody() == null) {
      return Optional.empty();
    }
    return Optional.of(response.getBody().readUtf8());
  }

  private Optional<Pod> storedPod(String namespace, String name) {
    return storedBody("/api/v1/namespaces/" + namespace + "/pods/" + name)
        .map(body -> Serialization.unmarshal(body, Pod.class));
  }

  private List<CustomResourceDefinition> storedCrds() {
    return storedBody(CRDS_PATH)
        .map(body -> Serialization.unmarshal(body, CustomResourceDefinitionList.class).getItems())
        .orElse(List.of());
  }

  private KubernetesAttributesExtractor attributes() {
    return (KubernetesAttributesExtractor) getAttributeExtractor();
  }

  private MockResponse writing(Supplier<MockResponse> write) {
    writes.lock();
    try {
      return write.get();
    } finally {
      writes.unlock();
    }
  }

  private static RecordedRequest request(HttpMethod method, String path, String body) {
    return new RecordedRequest("HTTP/1.1", method, path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer().writeUtf8(body == null ? "" : body));
  }

  /** The patch formats, by Content-Type. Strategic merge is served as plain merge patch. */
  private enum PatchType {
    JSON, MERGE, APPLY, UNSUPPORTED;

    static PatchType of(String contentType) {
      String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
      return switch (type) {
        case "application/json-patch+json" -> JSON;
        case "application/merge-patch+json", "application/strategic-merge-patch+json" -> MERGE;
        case "application/apply-patch+yaml", "application/apply-patch+json" -> APPLY;
        default -> UNSUPPORTED;
      };
    }
  }
}

package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fix of {@link CroniumCrudDispatcher}, through the fabric8 client or raw HTTP against a started server. */
class CroniumCrudDispatcherTest {

  static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
      .withGroup("test.localcluster.io").withVersion("v1").withKind("Widget").withPlural("widgets")
      .withNamespaced(true).build();
  static final ResourceDefinitionContext GADGETS = new ResourceDefinitionContext.Builder()
      .withGroup("test.localcluster.io").withVersion("v1").withKind("Gadget").withPlural("gadgets")
      .withNamespaced(true).build();

  static LocalCluster cluster;
  static KubernetesClient client;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    cluster = LocalCluster.builder().crds(Path.of("src/test/resources/crds")).start();
    client = cluster.client();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void serverSideApplyCreatesAMissingObjectThenMergesAppliedFields(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource created = widgets().resource(widget(name, Map.of("a", 1))).fieldManager("test")
        .forceConflicts().serverSideApply();
    assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

    GenericKubernetesResource applied = widgets().resource(widget(name, Map.of("b", 2))).fieldManager("test")
        .forceConflicts().serverSideApply();

    assertThat(spec(applied)).containsEntry("a", 1).containsEntry("b", 2);
    assertThat(applied.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(spec(widgets().withName(name).get())).containsEntry("a", 1).containsEntry("b", 2);
  }

  @Test
  void serverSideApplyToStatusChangesOnlyTheStatus(TestInfo test) {
    String name = name(test);
    widgets().resource(widget(name, Map.of("a", 1))).create();
    GenericKubernetesResource change = widget(name, Map.of("a", 99));
    change.setAdditionalProperty("status", Map.of("phase", "Ready"));

    // JOSDK's status patch: PATCH .../status?fieldManager=...&force=true, application/apply-patch+yaml
    GenericKubernetesResource patched = widgets().withName(name).subresource("status")
        .patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager("josdk")
            .withForce(true).build(), change);

    assertThat(patched.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
    assertThat(spec(patched)).containsEntry("a", 1);
    assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void serverSideApplyToTheStatusOfAMissingObjectIsNotFound() throws Exception {
    HttpResponse<String> response = send("PATCH", widgetPath("missing") + "/status?fieldManager=x&force=true",
        "application/apply-patch+yaml", "apiVersion: test.localcluster.io/v1\nkind: Widget\n"
            + "metadata:\n  name: missing\nstatus:\n  phase: Ready\n");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("\"reason\":\"NotFound\"", "widgets.test.localcluster.io \\\"missing\\\" not found");
  }

  @Test
  void mergePatchReplacesListsAndDeletesNullFields(TestInfo test) {
    String name = name(test);
    widgets().resource(widget(name, Map.of("items", List.of("a", "b"), "x", 1, "keep", true))).create();

    GenericKubernetesResource patched = widgets().withName(name)
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"items\":[\"c\"],\"x\":null}}");

    assertThat(spec(patched)).isEqualTo(Map.of("items", List.of("c"), "keep", true));
  }

  @Test
  void strategicMergePatchIsServedAsMergePatch(TestInfo test) {
    String name = name(test);
    widgets().resource(widget(name, Map.of("items", List.of("a", "b")))).create();

    GenericKubernetesResource patched = widgets().withName(name)
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"items\":[\"c\"]}}");

    assertThat(spec(patched)).isEqualTo(Map.of("items", List.of("c")));
  }

  @Test
  void statusPatchWithAQueryStringIsRoutedAsAStatusPatch(TestInfo test) throws Exception {
    String name = name(test);
    widgets().resource(widget(name, Map.of("a", 1))).create();

    HttpResponse<String> response = send("PATCH", widgetPath(name) + "/status?fieldManager=someone",
        "application/merge-patch+json", "{\"spec\":{\"a\":2},\"status\":{\"phase\":\"Done\"}}");

    assertThat(response.statusCode()).isEqualTo(200);
    GenericKubernetesResource stored = widgets().withName(name).get();
    assertThat(spec(stored)).containsEntry("a", 1);
    assertThat(stored.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Done"));
  }

  @Test
  void mainResourceUpdateKeepsTheStatusOnlyWhenTheCrdDeclaresTheStatusSubresource(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource widget = widgets().resource(widget(name, Map.of("a", 1))).create();
    widget.setAdditionalProperty("status", Map.of("phase", "Ready"));
    widgets().resource(widget).updateStatus();

    GenericKubernetesResource current = widgets().withName(name).get();
    current.setAdditionalProperty("status", Map.of("phase", "Overwritten"));
    current.setAdditionalProperty("spec", Map.of("a", 2));
    GenericKubernetesResource updated = widgets().resource(current).update();

    assertThat(updated.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Ready"));
    assertThat(spec(updated)).containsEntry("a", 2);

    GenericKubernetesResource gadget = gadgets().resource(new GenericKubernetesResourceBuilder()
        .withApiVersion("test.localcluster.io/v1").withKind("Gadget").withNewMetadata().withName(name).endMetadata()
        .build()).create();
    gadget.setAdditionalProperty("status", Map.of("phase", "InMain"));
    assertThat(gadgets().resource(gadget).update().getAdditionalProperties().get("status"))
        .isEqualTo(Map.of("phase", "InMain"));
  }

  @Test
  void podsHaveAStatusSubresourceToo(TestInfo test) {
    String name = name(test);
    Pod pod = new PodBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().addNewContainer().withName("main").withImage("example/image:1").endContainer().endSpec()
        .withNewStatus().withPhase("Succeeded").endStatus().build();

    Pod created = client.resource(pod).create();
    assertThat(created.getStatus()).as("status dropped on create").isNull();

    created.setStatus(new PodStatusBuilder().withPhase("Running").build());
    client.resource(created).updateStatus();
    Pod stale = client.pods().withName(name).get();
    stale.setStatus(new PodStatusBuilder().withPhase("Pending").build());
    stale.getMetadata().setLabels(Map.of("edited", "true"));
    Pod updated = client.resource(stale).update();

    assertThat(updated.getMetadata().getLabels()).containsEntry("edited", "true");
    assertThat(updated.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aPatchNamingAnotherUidIsAConflict(TestInfo test) {
    String name = name(test);
    widgets().resource(widget(name, Map.of("a", 1))).create();

    assertThatThrownBy(() -> widgets().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"uid\":\"someone-else\"},\"spec\":{\"a\":2}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(spec(widgets().withName(name).get())).containsEntry("a", 1);
  }

  @Test
  void staleStatusUpdateIsAConflict(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource stale = widgets().resource(widget(name, Map.of("a", 1))).create();
    GenericKubernetesResource fresh = widgets().withName(name).get();
    fresh.setAdditionalProperty("status", Map.of("phase", "First"));
    widgets().resource(fresh).updateStatus();

    stale.setAdditionalProperty("status", Map.of("phase", "Stale"));
    assertThatThrownBy(() -> widgets().resource(stale).updateStatus())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  @Test
  void removingTheLastFinalizerOfADeletedObjectDeletesItAndReturnsIt(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource widget = widget(name, Map.of("a", 1));
    widget.getMetadata().setFinalizers(List.of("test.localcluster.io/hold"));
    widgets().resource(widget).create();
    widgets().withName(name).delete();
    assertThat(widgets().withName(name).get().getMetadata().getDeletionTimestamp()).isNotNull();

    // JOSDK removes its finalizer with a JSON patch and needs the object back.
    GenericKubernetesResource returned = widgets().withName(name).edit(w -> {
      w.getMetadata().setFinalizers(List.of());
      return w;
    });

    assertThat(returned).isNotNull();
    assertThat(returned.getMetadata().getName()).isEqualTo(name);
    assertThat(widgets().withName(name).get()).isNull();
  }

  @Test
  void removingTheLastFinalizerWithAnUpdateAlsoReturnsTheObject(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource widget = widget(name, Map.of());
    widget.getMetadata().setFinalizers(List.of("test.localcluster.io/hold"));
    widgets().resource(widget).create();
    widgets().withName(name).delete();
    GenericKubernetesResource marked = widgets().withName(name).get();
    marked.getMetadata().setFinalizers(List.of());

    GenericKubernetesResource returned = widgets().resource(marked).update();

    assertThat(returned).isNotNull();
    assertThat(returned.getMetadata().getName()).isEqualTo(name);
    assertThat(widgets().withName(name).get()).isNull();
  }

  @Test
  void generationCountsSpecChangesOnly(TestInfo test) {
    String name = name(test);
    GenericKubernetesResource widget = widgets().resource(widget(name, Map.of("a", 1))).create();
    assertThat(widget.getMetadata().getGeneration()).isEqualTo(1L);

    widget = widgets().withName(name).edit(w -> {
      w.getMetadata().setLabels(Map.of("x", "y"));
      return w;
    });
    assertThat(widget.getMetadata().getGeneration()).as("metadata change").isEqualTo(1L);

    widget.setAdditionalProperty("status", Map.of("phase", "Ready"));
    widget = widgets().resource(widget).updateStatus();
    assertThat(widget.getMetadata().getGeneration()).as("status change").isEqualTo(1L);

    widget = widgets().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"a\":2}}");
    assertThat(widget.getMetadata().getGeneration()).as("spec change").isEqualTo(2L);
  }

  @Test
  void selfSubjectReviewsAreAllowed() {
    SelfSubjectRulesReview rules = client.resource(new SelfSubjectRulesReviewBuilder().withNewSpec()
        .withNamespace("default").endSpec().build()).create();
    assertThat(rules.getStatus().getResourceRules()).anySatisfy(rule -> {
      assertThat(rule.getApiGroups()).contains("*");
      assertThat(rule.getResources()).contains("*");
      assertThat(rule.getVerbs()).contains("*");
    });

    SelfSubjectAccessReview access = client.resource(new SelfSubjectAccessReviewBuilder().withNewSpec()
        .withNewResourceAttributes().withGroup("coordination.k8s.io").withResource("leases").withVerb("update")
        .endResourceAttributes().endSpec().build()).create();
    assertThat(access.getStatus().getAllowed()).isTrue();
  }

  @Test
  void errorsCarryAStatusWithTheRealReason(TestInfo test) throws Exception {
    HttpResponse<String> missing = send("GET", widgetPath("nope"), null, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(missing.body()).contains("\"kind\":\"Status\"", "\"reason\":\"NotFound\"");

    String name = name(test);
    widgets().resource(widget(name, Map.of())).create();
    assertThatThrownBy(() -> widgets().resource(widget(name, Map.of())).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("AlreadyExists");
        });
  }

  @Test
  void generateNameAppendsFiveRandomCharacters() {
    GenericKubernetesResource widget = widget(null, Map.of());
    widget.getMetadata().setGenerateName("gen-");

    GenericKubernetesResource created = widgets().resource(widget).create();

    assertThat(created.getMetadata().getName()).matches("gen-[a-z0-9]{5}");
  }

  static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> widgets() {
    return client.genericKubernetesResources(WIDGETS).inNamespace("default");
  }

  static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> gadgets() {
    return client.genericKubernetesResources(GADGETS).inNamespace("default");
  }

  static GenericKubernetesResource widget(String name, Map<String, Object> spec) {
    return new GenericKubernetesResourceBuilder().withApiVersion("test.localcluster.io/v1").withKind("Widget")
        .withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  static String name(TestInfo test) {
    return test.getTestMethod().orElseThrow().getName().toLowerCase().replaceAll("[^a-z0-9]", "");
  }

  static String widgetPath(String name) {
    return "/apis/test.localcluster.io/v1/namespaces/default/widgets/" + name;
  }

  static HttpResponse<String> send(String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cluster.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

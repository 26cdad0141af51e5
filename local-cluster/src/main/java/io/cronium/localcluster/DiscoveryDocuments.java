package io.cronium.localcluster;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.VersionInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discovery documents that kubectl and the fabric8 client read before they touch a resource:
 * {@code /version}, {@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<group>[/<version>]}.
 * Built from the core kinds the operator and the demo use plus every stored CRD.
 *
 * <p>Only the legacy JSON form is served. kubectl first asks for aggregated discovery
 * (APIGroupDiscoveryList) but falls back to these documents when the answer is plain
 * {@code application/json}.
 */
final class DiscoveryDocuments {

  private static final Pattern GROUP_PATH = Pattern.compile("/apis/([^/]+)(?:/([^/]+))?");
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  /** Core kinds, keyed by group version ("v1" for the core group). */
  private static final Map<String, List<APIResource>> BUILT_IN = Map.of(
      "v1", List.of(
          resource("pods", "pod", "Pod", true, List.of("po"), List.of("all")),
          subresource("pods/status", "Pod", true, STATUS_VERBS),
          subresource("pods/log", "Pod", true, List.of("get")),
          resource("events", "event", "Event", true, List.of("ev"), List.of()),
          resource("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of()),
          resource("secrets", "secret", "Secret", true, List.of(), List.of()),
          resource("services", "service", "Service", true, List.of("svc"), List.of("all")),
          resource("serviceaccounts", "serviceaccount", "ServiceAccount", true, List.of("sa"), List.of()),
          resource("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of())),
      "coordination.k8s.io/v1", List.of(
          resource("leases", "lease", "Lease", true, List.of(), List.of())),
      "apiextensions.k8s.io/v1", List.of(
          resource("customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false,
              List.of("crd", "crds"), List.of()),
          subresource("customresourcedefinitions/status", "CustomResourceDefinition", false, STATUS_VERBS)),
      "authorization.k8s.io/v1", List.of(
          subresource("selfsubjectaccessreviews", "SelfSubjectAccessReview", false, List.of("create")),
          subresource("selfsubjectrulesreviews", "SelfSubjectRulesReview", false, List.of("create"))));

  private final VersionInfo version = new VersionInfo.Builder()
      .withMajor("1").withMinor("32").withGitVersion("v1.32.0+cronium.local")
      .withPlatform("linux/amd64").build();

  static boolean handles(String resourcePath) {
    return resourcePath.equals("/version") || resourcePath.equals("/api") || resourcePath.equals("/apis")
        || resourcePath.equals("/api/v1") || GROUP_PATH.matcher(resourcePath).matches();
  }

  /** The document at {@code resourcePath}, or empty when no such group or version exists. */
  Optional<Object> document(String resourcePath, List<CustomResourceDefinition> crds) {
    Map<String, List<APIResource>> resources = resourcesByGroupVersion(crds);
    switch (resourcePath) {
      case "/version":
        return Optional.of(version);
      case "/api":
        APIVersions versions = new APIVersions();
        versions.setVersions(List.of("v1"));
        versions.setServerAddressByClientCIDRs(List.of());
        return Optional.of(versions);
      case "/apis":
        return Optional.of(groupList(resources));
      case "/api/v1":
        return Optional.of(resourceList("v1", resources.get("v1")));
      default:
        Matcher path = GROUP_PATH.matcher(resourcePath);
        if (!path.matches()) {
          return Optional.empty();
        }
        if (path.group(2) == null) {
          return groupList(resources).getGroups().stream().filter(g -> g.getName().equals(path.group(1)))
              .findFirst().map(Object.class::cast);
        }
        String groupVersion = path.group(1) + "/" + path.group(2);
        return Optional.ofNullable(resources.get(groupVersion)).map(list -> resourceList(groupVersion, list));
    }
  }

  private static Map<String, List<APIResource>> resourcesByGroupVersion(List<CustomResourceDefinition> crds) {
    Map<String, List<APIResource>> byGroupVersion = new LinkedHashMap<>();
    BUILT_IN.entrySet().stream()
        .sorted(Map.Entry.comparingByKey((a, b) -> a.equals("v1") ? -1 : b.equals("v1") ? 1 : a.compareTo(b)))
        .forEach(e -> byGroupVersion.put(e.getKey(), new ArrayList<>(e.getValue())));
    for (CustomResourceDefinition crd : crds) {
      var names = crd.getSpec().getNames();
      boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
      for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
        if (!Boolean.TRUE.equals(version.getServed())) {
          continue;
        }
        List<APIResource> list = byGroupVersion.computeIfAbsent(
            crd.getSpec().getGroup() + "/" + version.getName(), k -> new ArrayList<>());
        list.add(resource(names.getPlural(), names.getSingular(), names.getKind(), namespaced,
            names.getShortNames(), names.getCategories()));
        if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
          list.add(subresource(names.getPlural() + "/status", names.getKind(), namespaced, STATUS_VERBS));
        }
      }
    }
    return byGroupVersion;
  }

  private static APIGroupList groupList(Map<String, List<APIResource>> resources) {
    Map<String, APIGroupBuilder> groups = new LinkedHashMap<>();
    resources.keySet().stream().filter(gv -> gv.contains("/")).forEach(groupVersion -> {
      String group = groupVersion.substring(0, groupVersion.indexOf('/'));
      GroupVersionForDiscovery version = new GroupVersionForDiscovery(groupVersion,
          groupVersion.substring(group.length() + 1));
      groups.computeIfAbsent(group, g -> new APIGroupBuilder().withName(g).withPreferredVersion(version))
          .addToVersions(version);
    });
    APIGroupList list = new APIGroupList();
    list.setGroups(groups.values().stream().map(APIGroupBuilder::build).toList());
    return list;
  }

  private static APIResourceList resourceList(String groupVersion, List<APIResource> resources) {
    APIResourceList list = new APIResourceList();
    list.setGroupVersion(groupVersion);
    list.setResources(resources);
    return list;
  }

  private static APIResource resource(String plural, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories) {
    return new APIResourceBuilder().withName(plural).withSingularName(singular).withKind(kind)
        .withNamespaced(namespaced).withVerbs(ALL_VERBS).withShortNames(shortNames)
        .withCategories(categories).build();
  }

  private static APIResource subresource(String name, String kind, boolean namespaced, List<String> verbs) {
    return new APIResourceBuilder().withName(name).withSingularName("").withKind(kind)
        .withNamespaced(namespaced).withVerbs(verbs).build();
  }
}

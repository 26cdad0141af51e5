package io.cronium.operator.install;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One request to the Kubernetes API, as the authorizer sees it: API group, resource (with its
 * subresource, as RBAC names it: {@code pods/log}), verb, namespace (null for a request across
 * all namespaces or for a cluster-scoped resource) and the object's name (null for collections).
 */
record ApiCall(String group, String resource, String verb, String namespace, String name) {

  /** The API call a request makes, or empty for non-resource paths (discovery, /version). */
  static Optional<ApiCall> of(String method, URI uri) {
    List<String> segments = Arrays.stream(uri.getPath().split("/")).filter(s -> !s.isEmpty()).toList();
    int start;
    String group;
    if (segments.size() >= 3 && segments.get(0).equals("api")) {
      group = "";
      start = 2;
    } else if (segments.size() >= 4 && segments.get(0).equals("apis")) {
      group = segments.get(1);
      start = 3;
    } else {
      return Optional.empty();
    }
    List<String> rest = segments.subList(start, segments.size());
    String namespace = null;
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : null;
    if (rest.size() > 2) {
      resource = resource + "/" + rest.get(2);
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String verb =
        switch (method) {
          case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> name != null ? "delete" : "deletecollection";
          default -> throw new IllegalArgumentException("unexpected method " + method + " " + uri);
        };
    if (name == null && (verb.equals("list") || verb.equals("watch"))) {
      // As the API server's RequestInfo: a collection read of one name is authorized as that name.
      name = namedBySelector(uri.getQuery());
    }
    return Optional.of(new ApiCall(group, resource, verb, namespace, name));
  }

  private static String namedBySelector(String query) {
    if (query == null) {
      return null;
    }
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("fieldSelector=metadata.name=") && !parameter.contains(",")) {
        return parameter.substring("fieldSelector=metadata.name=".length());
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
        + (namespace == null ? " (all namespaces)" : " in " + namespace);
  }
}

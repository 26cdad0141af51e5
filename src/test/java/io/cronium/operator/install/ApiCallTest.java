package io.cronium.operator.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiCallTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      GET    | /api/v1/namespaces/a/pods/p                                        | ''                  | pods              | get    | a   | p
      GET    | /api/v1/namespaces/a/pods/p/log?container=runtime&tailLines=5000   | ''                  | pods/log          | get    | a   | p
      GET    | /api/v1/pods?labelSelector=x&resourceVersion=0                     | ''                  | pods              | list   | -   | -
      GET    | /api/v1/pods?allowWatchBookmarks=true&watch=true                   | ''                  | pods              | watch  | -   | -
      POST   | /api/v1/namespaces/a/pods                                          | ''                  | pods              | create | a   | -
      DELETE | /api/v1/namespaces/a/pods/p                                        | ''                  | pods              | delete | a   | p
      PUT    | /apis/cronium.io/v1alpha1/namespaces/a/jobruns/r/status            | cronium.io          | jobruns/status    | update | a   | r
      PATCH  | /apis/coordination.k8s.io/v1/namespaces/ops/leases/l               | coordination.k8s.io | leases            | patch  | ops | l
      GET    | /api/v1/namespaces/a                                               | ''                  | namespaces        | get    | -   | a
      """)
  void mapsARequestToWhatTheAuthorizerChecks(
      String method, String uri, String group, String resource, String verb, String namespace,
      String name) {
    assertThat(ApiCall.of(method, URI.create("http://127.0.0.1" + uri)))
        .contains(new ApiCall(group, resource, verb, namespace, name));
  }

  @ParameterizedTest
  @CsvSource({"/version", "/api", "/apis", "/apis/cronium.io/v1alpha1", "/openapi/v2"})
  void nonResourceRequestsNeedNoRule(String path) {
    assertThat(ApiCall.of("GET", URI.create("http://127.0.0.1" + path))).isEmpty();
  }
}

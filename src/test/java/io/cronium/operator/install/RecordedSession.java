package io.cronium.operator.install;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every API request the operator makes: the profile swaps the operator's
 * KubernetesClient for one whose interceptor logs each request (watches included) before it
 * is sent.
 */
public class RecordedSession implements QuarkusTestProfile {

  private static final List<ApiCall> CALLS = new CopyOnWriteArrayList<>();

  static List<ApiCall> calls() {
    return List.copyOf(CALLS);
  }

  @Override
  public Set<Class<?>> getEnabledAlternatives() {
    return Set.of(RecordingClient.class);
  }

  @Alternative
  @Singleton
  public static class RecordingClient {

    @Produces
    @Singleton
    KubernetesClient client() {
      Interceptor recorder =
          new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
              ApiCall.of(request.method(), request.uri()).ifPresent(CALLS::add);
            }
          };
      return new KubernetesClientBuilder()
          .withConfig(Config.autoConfigure(null))
          .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor("api-call-recorder", recorder))
          .build();
    }
  }
}

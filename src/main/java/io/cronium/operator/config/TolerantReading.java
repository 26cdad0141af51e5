package io.cronium.operator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * How the operator's Kubernetes client reads objects. One Event written against a newer CRD
 * (version skew is a normal rollout: CRDs are upgraded before the operator) must not make the
 * informer fail to read it, because an informer that cannot read one object stops for everyone.
 * So an enum value this operator does not know reads as null, which {@code EventSpecCheck}
 * reports in the Event's SpecValid condition, and fields it does not know are ignored.
 */
@Singleton
public class TolerantReading implements KubernetesClientObjectMapperCustomizer {

  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}

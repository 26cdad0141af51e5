package io.cronium.operator.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** For tests that send one Event far more than the default 60 deliveries a minute on purpose. */
public class GenerousWebhookAllowance implements QuarkusTestProfile {

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of("cronium.webhooks.rate-per-minute", "100000");
  }
}

package io.cronium.operator.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cronium.api.v1alpha1.Event;
import io.cronium.operator.observability.KubernetesEventReasons;
import io.cronium.operator.observability.KubernetesEventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Tells an Event's owner, with a Warning Kubernetes Event on it, that deliveries are refused
 * because its webhook's Secret is unusable: the sender only sees 503. At most once a minute per
 * Event, so that a sender retrying in a loop does not flood the namespace with Events.
 */
@ApplicationScoped
class UnusableSecretReports {

  private static final Duration QUIET_PERIOD = Duration.ofMinutes(1);

  private final KubernetesEventRecorder recorder;
  private final Cache<String, Boolean> recentlyReported = Caffeine.newBuilder()
      .expireAfterWrite(QUIET_PERIOD)
      .maximumSize(10_000)
      .executor(Runnable::run)
      .build();

  UnusableSecretReports(KubernetesEventRecorder recorder) {
    this.recorder = recorder;
  }

  void report(Event event, String problem) {
    String key = event.getMetadata().getNamespace() + "/" + event.getMetadata().getName();
    if (recentlyReported.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
      recorder.record(event, KubernetesEventRecorder.Type.Warning, KubernetesEventReasons.WEBHOOK_SECRET_UNUSABLE,
          "Trigger", "a webhook delivery was refused (503): " + problem);
    }
  }
}

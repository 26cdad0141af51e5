package io.cronium.operator.observability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events ({@code events.k8s.io/v1}) about our objects, so that
 * {@code kubectl describe} and {@code kubectl events} tell a run's story. Best effort: a failed
 * write is logged and never fails a reconcile.
 */
@ApplicationScoped
public class KubernetesEventRecorder {

  public static final String REPORTING_CONTROLLER = "cronium.io/operator";
  /** The API server rejects notes longer than 1 kB. */
  static final int MAX_NOTE = 1024;

  private static final Logger LOG = Logger.getLogger(KubernetesEventRecorder.class);
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  /** Normal or Warning, as Kubernetes defines them. */
  public enum Type {
    Normal,
    Warning
  }

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  /** Keeps names unique when two Events about one object land in the same nanosecond. */
  private final AtomicLong sequence = new AtomicLong();

  public KubernetesEventRecorder(
      KubernetesClient client,
      Clock clock,
      @ConfigProperty(name = "pod.name", defaultValue = "cronium-operator") String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public void record(HasMetadata regarding, Type type, String reason, String action, String note) {
    Event event = build(regarding, type, reason, action, note);
    try {
      client.resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "could not record Event %s about %s %s/%s: %s",
          reason, regarding.getKind(), regarding.getMetadata().getNamespace(),
          regarding.getMetadata().getName(), e.getMessage());
    }
  }

  Event build(HasMetadata regarding, Type type, String reason, String action, String note) {
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() + sequence.getAndIncrement();
    return new EventBuilder()
        .withNewMetadata()
        .withName(regarding.getMetadata().getName() + "." + Long.toHexString(nanos))
        .withNamespace(regarding.getMetadata().getNamespace())
        .endMetadata()
        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
        .withReportingController(REPORTING_CONTROLLER)
        .withReportingInstance(instance)
        .withType(type.name())
        .withReason(reason)
        .withAction(action)
        .withNote(note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE - 3) + "...")
        .withRegarding(
            new ObjectReferenceBuilder()
                .withApiVersion(regarding.getApiVersion())
                .withKind(regarding.getKind())
                .withNamespace(regarding.getMetadata().getNamespace())
                .withName(regarding.getMetadata().getName())
                .withUid(regarding.getMetadata().getUid())
                .withResourceVersion(regarding.getMetadata().getResourceVersion())
                .build())
        .build();
  }
}

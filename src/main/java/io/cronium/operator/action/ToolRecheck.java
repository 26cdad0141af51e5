package io.cronium.operator.action;

import io.cronium.api.v1alpha1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Instant;
import java.util.List;

/**
 * Has the operator check a tool Secret again now. It watches no Secrets (it may only get them),
 * and reads an Event's tool Secrets on each reconcile, so a fixed Secret shows on its own within
 * the 5-minute periodic reconcile; a new annotation on each Event naming the tool reconciles them
 * at once.
 */
public final class ToolRecheck {

  private static final String CHECKED_AT = "cronium.io/tools-checked-at";

  private ToolRecheck() {}

  /** @return the Events of {@code namespace} that use {@code tool}, each now being reconciled */
  public static List<String> request(KubernetesClient client, String namespace, String tool, Instant now) {
    List<String> using = client.resources(Event.class).inNamespace(namespace).list().getItems().stream()
        .filter(event -> ActionConditions.toolsOf(event).contains(tool))
        .map(event -> event.getMetadata().getName())
        .toList();
    String patch = "{\"metadata\":{\"annotations\":{\"" + CHECKED_AT + "\":\"" + now + "\"}}}";
    for (String name : using) {
      client.resources(Event.class).inNamespace(namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
    return using;
  }
}

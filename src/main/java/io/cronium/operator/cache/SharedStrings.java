package io.cronium.operator.cache;

import com.github.benmanes.caffeine.cache.Interner;
import io.cronium.api.v1alpha1.Event;
import io.cronium.api.v1alpha1.EventStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;

/**
 * One copy of each string that many cached objects repeat. The informers parse every object into
 * new strings, so 20,000 runs of 5,000 Events, cached by two controllers, hold their namespace,
 * label keys, owner kind and each Event's name and UID tens of thousands of times over. Strings
 * are held weakly: one goes when the last cached object naming it does. Strings that one object
 * alone holds (its name, UID, resource version) are left as they are: an interner entry would cost
 * as much as the copy it saves.
 */
final class SharedStrings {

  private static final Interner<String> STRINGS = Interner.newWeakInterner();

  private SharedStrings() {
  }

  static String share(String value) {
    return value == null ? null : STRINGS.intern(value);
  }

  /**
   * The metadata fields that objects of a namespace, an owner or a slot have in common, shared;
   * labels and annotations as immutable maps, and the model's empty maps of unknown fields as one
   * shared empty map. Cached objects are read-only from then on: code that edits one edits a copy.
   */
  static void compactMetadata(ObjectMeta metadata) {
    metadata.setNamespace(share(metadata.getNamespace()));
    metadata.setGenerateName(share(metadata.getGenerateName()));
    // Runs of one slot are created within the same second.
    metadata.setCreationTimestamp(share(metadata.getCreationTimestamp()));
    metadata.setLabels(shareEntries(metadata.getLabels()));
    metadata.setAnnotations(shareEntries(metadata.getAnnotations()));
    if (metadata.getFinalizers() != null) {
      metadata.getFinalizers().replaceAll(SharedStrings::share);
    }
    List<OwnerReference> owners = metadata.getOwnerReferences();
    if (owners != null) {
      for (OwnerReference owner : owners) {
        owner.setApiVersion(share(owner.getApiVersion()));
        owner.setKind(share(owner.getKind()));
        owner.setName(share(owner.getName()));
        owner.setUid(share(owner.getUid()));
        owner.setAdditionalProperties(compactUnknownFields(owner.getAdditionalProperties()));
      }
    }
    metadata.setAdditionalProperties(compactUnknownFields(metadata.getAdditionalProperties()));
  }

  /**
   * The Event's script (up to 120 KiB), which Events made from one template repeat, as does each
   * new version of an Event while the informers swap the old one out.
   */
  static void shareScript(Event event) {
    if (event.getSpec() != null) {
      event.getSpec().setScript(share(event.getSpec().getScript()));
    }
  }

  /**
   * An Event's status: its slot times, which Events of the same schedule share, and its
   * conditions, whose types, reasons and messages most Events repeat word for word.
   */
  static void shareStatus(Event event) {
    EventStatus status = event.getStatus();
    if (status == null) {
      return;
    }
    status.setNextScheduleTime(share(status.getNextScheduleTime()));
    status.setLastScheduleTime(share(status.getLastScheduleTime()));
    status.setLastHandledSlot(share(status.getLastHandledSlot()));
    if (status.getConditions() != null) {
      for (Condition condition : status.getConditions()) {
        condition.setType(share(condition.getType()));
        condition.setStatus(share(condition.getStatus()));
        condition.setReason(share(condition.getReason()));
        condition.setMessage(share(condition.getMessage()));
        condition.setLastTransitionTime(share(condition.getLastTransitionTime()));
        condition.setAdditionalProperties(compactUnknownFields(condition.getAdditionalProperties()));
      }
    }
  }

  /** The model's map of unknown fields, empty on all the API server sends: one shared empty map. */
  private static Map<String, Object> compactUnknownFields(Map<String, Object> fields) {
    return fields != null && fields.isEmpty() ? Map.of() : fields;
  }

  /**
   * Labels or annotations as one immutable map of shared strings: a parsed map costs a table and
   * an entry object per label. Cached objects are read, never edited: a write starts from a copy.
   */
  private static Map<String, String> shareEntries(Map<String, String> entries) {
    if (entries == null) {
      return null;
    }
    @SuppressWarnings("unchecked")
    Map.Entry<String, String>[] shared = entries.entrySet().stream()
        .map(entry -> Map.entry(share(entry.getKey()), share(entry.getValue())))
        .toArray(Map.Entry[]::new);
    return Map.ofEntries(shared);
  }
}

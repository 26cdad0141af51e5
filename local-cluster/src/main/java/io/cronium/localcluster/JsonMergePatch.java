package io.cronium.localcluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch as RFC 7386 defines it: objects merge recursively, a {@code null} member
 * deletes, and every other value (lists included) replaces the target's value whole.
 */
public final class JsonMergePatch {

  private JsonMergePatch() {
  }

  /** Returns {@code target} with {@code patch} applied; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy()
        : JsonNodeFactory.instance.objectNode();
    patch.fields().forEachRemaining(member -> {
      if (member.getValue().isNull()) {
        result.remove(member.getKey());
      } else {
        result.set(member.getKey(), apply(result.get(member.getKey()), member.getValue()));
      }
    });
    return result;
  }
}

package io.cronium.operator.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** A run's reported variable writes as ConfigMap data: key to the value's JSON text. */
public final class VariableWrites {

  /** ConfigMap key rules; runtime-api enforces the same, this guards the store anyway. */
  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  private VariableWrites() {}

  /**
   * @param reported the result's {@code variables} object; null when the run set none
   * @throws IllegalArgumentException naming a key a ConfigMap cannot hold
   */
  public static Map<String, String> from(JsonNode reported) {
    Map<String, String> data = new LinkedHashMap<>();
    if (reported == null || !reported.isObject()) {
      return data;
    }
    reported.fields().forEachRemaining(entry -> {
      String key = entry.getKey();
      if (!KEY.matcher(key).matches() || key.equals(".") || key.startsWith("..")) {
        throw new IllegalArgumentException("variable key \"" + key + "\" is not a valid ConfigMap key;"
            + " the run's variables were not saved to " + VariableStore.CONFIG_MAP_NAME + ".");
      }
      data.put(key, entry.getValue().toString());
    });
    return data;
  }
}

package io.cronium.tools;

import java.util.Map;

/** A tool Secret that passed {@link ToolSecrets}: its type and decoded fields. */
public record Tool(String secretName, ToolType type, Map<String, String> fields) {

  public String field(String name) {
    return fields.get(name);
  }

  @Override
  public String toString() {
    // Fields hold credentials: never print them.
    return "Tool[" + secretName + ", " + type + "]";
  }
}

package io.cronium.tools;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of tool a Secret labelled {@code cronium.io/tool-type} can hold. */
public enum ToolType {
  slack,
  discord,
  email,
  webhook;

  public static Optional<ToolType> of(String label) {
    return Arrays.stream(values()).filter(type -> type.name().equals(label)).findFirst();
  }
}

package io.cronium.operator.variables;

import java.util.Set;
import java.util.TreeSet;

/** A run's variable writes could not be merged into its namespace's store. */
public class VariablesNotSavedException extends RuntimeException {

  public VariablesNotSavedException(String namespace, Set<String> keys, String cause) {
    super("variables " + new TreeSet<>(keys) + " were not saved to ConfigMap "
        + VariableStore.CONFIG_MAP_NAME + " in namespace " + namespace + ": " + cause);
  }
}

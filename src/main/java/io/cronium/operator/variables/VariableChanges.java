package io.cronium.operator.variables;

import io.cronium.contract.RunResult;
import io.cronium.contract.VariableStoreFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one run changes in the namespace's store: entries to write (key to JSON text, as
 * {@link VariableStoreFormat} stores them) and keys to remove.
 */
public record VariableChanges(Map<String, String> writes, Set<String> deletions) {

  public static final VariableChanges NONE = new VariableChanges(Map.of(), Set.of());

  public VariableChanges {
    writes = Collections.unmodifiableMap(new LinkedHashMap<>(writes));
    deletions = Collections.unmodifiableSet(new LinkedHashSet<>(deletions));
  }

  /**
   * The variables a result reports written and deleted.
   *
   * @throws IllegalArgumentException with the problem of the first key the store cannot hold
   */
  public static VariableChanges of(RunResult result) {
    Set<String> deletions = new LinkedHashSet<>();
    result.deletedVariables().forEach(key -> deletions.add(VariableStoreFormat.storableKey(key)));
    return new VariableChanges(VariableStoreFormat.entries(result.variables()), deletions);
  }

  public boolean isEmpty() {
    return writes.isEmpty() && deletions.isEmpty();
  }

  /** Every key these changes touch. */
  public Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>(writes.keySet());
    keys.addAll(deletions);
    return keys;
  }

  /**
   * The store's entries after these changes.
   *
   * @param entries the current entries; null for a ConfigMap without data
   */
  public Map<String, String> applyTo(Map<String, String> entries) {
    Map<String, String> changed = new LinkedHashMap<>(entries == null ? Map.of() : entries);
    changed.putAll(writes);
    changed.keySet().removeAll(deletions);
    return changed;
  }
}

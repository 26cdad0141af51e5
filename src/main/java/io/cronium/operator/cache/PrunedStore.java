package io.cronium.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.function.Consumer;

/**
 * An informer cache that keeps only what its controller reads. Every object is pruned as it is
 * stored, and managed fields always go: a status PUT from a pruned copy that omits them leaves
 * the server's as they were. Pruned fields must be ones no write sends back from the cache.
 */
public class PrunedStore<T extends HasMetadata> extends BasicItemStore<T> {

  private final Consumer<T> prune;

  protected PrunedStore(Consumer<T> prune) {
    super(Cache::metaNamespaceKeyFunc);
    this.prune = prune;
  }

  @Override
  public T put(String key, T object) {
    object.getMetadata().setManagedFields(null);
    prune.accept(object);
    return super.put(key, stored(object));
  }

  /** What is kept of a pruned object: the object itself, or an equal one another cache holds. */
  protected T stored(T pruned) {
    return pruned;
  }
}

package io.cronium.operator.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An informer cache that keeps only what its controller reads. Every object is pruned as it is
 * stored, and managed fields always go: a status PUT from a pruned copy that omits them leaves
 * the server's as they were. Pruned fields must be ones no write sends back from the cache. The
 * strings that many objects repeat are shared ({@link SharedStrings}), and labels and annotations
 * become immutable maps: code that edits a cached object must edit a copy.
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
    SharedStrings.shareMetadata(object.getMetadata());
    dropEmptyExtensionMaps(object.getMetadata());
    prune.accept(object);
    return super.put(key, object);
  }

  /**
   * The model keeps a map of unknown fields in every metadata and owner reference object, empty
   * on anything the API server sends; one shared empty map stands in for them all.
   */
  private static void dropEmptyExtensionMaps(ObjectMeta metadata) {
    if (metadata.getAdditionalProperties() != null && metadata.getAdditionalProperties().isEmpty()) {
      metadata.setAdditionalProperties(Map.of());
    }
    if (metadata.getOwnerReferences() != null) {
      for (OwnerReference owner : metadata.getOwnerReferences()) {
        if (owner.getAdditionalProperties() != null && owner.getAdditionalProperties().isEmpty()) {
          owner.setAdditionalProperties(Map.of());
        }
      }
    }
  }
}

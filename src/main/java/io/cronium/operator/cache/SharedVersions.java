package io.cronium.operator.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * One instance of each object version for every informer that caches it pruned the same way. Each
 * informer parses its own copy of every object, so the three Event informers would hold each
 * Event three times, and the two JobRun informers each finished run twice. A version is a UID and
 * a resource version: the API server sends the same content for both, and cached objects are only
 * read. Instances are held weakly: an entry goes once no cache holds that version.
 */
final class SharedVersions {

  private static final Cache<String, HasMetadata> VERSIONS =
      Caffeine.newBuilder().weakValues().executor(Runnable::run).build();

  private SharedVersions() {
  }

  /**
   * The instance already cached for this version of {@code pruned}, or {@code pruned} itself; an
   * object without a UID or resource version (never one the API server sent) is its own.
   */
  @SuppressWarnings("unchecked")
  static <T extends HasMetadata> T share(T pruned) {
    ObjectMeta metadata = pruned.getMetadata();
    if (metadata.getUid() == null || metadata.getResourceVersion() == null) {
      return pruned;
    }
    return (T) VERSIONS.get(metadata.getUid() + "/" + metadata.getResourceVersion(), version -> pruned);
  }
}

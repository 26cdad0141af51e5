package io.cronium.localcluster;

/** Request path helpers: the resource path without its query, the query, and an item's collection. */
final class ResourcePaths {

  private ResourcePaths() {
  }

  static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  /** The query string without '?', or null when there is none. */
  static String queryOf(String path) {
    int query = path.indexOf('?');
    return query < 0 ? null : path.substring(query + 1);
  }

  /** {@code .../namespaces/ns/widgets/name} → {@code .../namespaces/ns/widgets}. */
  static String collectionOf(String itemPath) {
    return itemPath.substring(0, itemPath.lastIndexOf('/'));
  }
}

package io.cronium.operator.logapi;

/**
 * The discovery documents of {@code logs.cronium.io/v1alpha1}, which the aggregator merges into
 * the API server's own: the group, and its one resource, the {@code log} subresource of
 * {@code jobruns} (listed without {@code jobruns} itself, which belongs to {@code cronium.io}).
 */
final class LogApiDiscovery {

  static final String GROUP = "logs.cronium.io";
  static final String VERSION = "v1alpha1";
  static final String GROUP_VERSION = GROUP + "/" + VERSION;

  private static final String GROUP_DOCUMENT = "{\"name\":\"" + GROUP + "\",\"versions\":[{\"groupVersion\":\""
      + GROUP_VERSION + "\",\"version\":\"" + VERSION + "\"}],\"preferredVersion\":{\"groupVersion\":\""
      + GROUP_VERSION + "\",\"version\":\"" + VERSION + "\"}}";

  static final String API_GROUP_LIST =
      "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + GROUP_DOCUMENT + "]}";

  static final String API_GROUP = "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\"," + GROUP_DOCUMENT.substring(1);

  static final String API_RESOURCE_LIST = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
      + GROUP_VERSION + "\",\"resources\":[{\"name\":\"jobruns/log\",\"singularName\":\"\",\"namespaced\":true,"
      + "\"kind\":\"JobRunLog\",\"verbs\":[\"get\"]}]}";

  private LogApiDiscovery() {}
}

package io.cronium.operator.logapi;

import java.util.List;
import java.util.Map;

/** The user the front proxy forwards a request for, with everything a SubjectAccessReview takes. */
public record RemoteUser(String name, List<String> groups, Map<String, List<String>> extra) {

  public RemoteUser {
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }
}

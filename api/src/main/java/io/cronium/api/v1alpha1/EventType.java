package io.cronium.api.v1alpha1;

/** What an Event runs: a script in one of three interpreters, or an HTTP request. */
public enum EventType {
  Bash,
  Python,
  NodeJS,
  HTTP;

  public boolean isScript() {
    return this != HTTP;
  }
}

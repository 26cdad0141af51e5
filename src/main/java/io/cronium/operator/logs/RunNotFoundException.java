package io.cronium.operator.logs;

/** The JobRun whose log was asked for does not exist (or was deleted meanwhile). */
public class RunNotFoundException extends RuntimeException {

  public RunNotFoundException(String namespace, String name) {
    super("JobRun \"" + name + "\" not found in namespace \"" + namespace + "\"");
  }
}

package io.cronium.operator.jobrun;

/** Script plus input of a run do not fit into the job Pod's environment. */
public class RunSpecTooLargeException extends RuntimeException {

  public RunSpecTooLargeException(String eventName, int bytes, int maxBytes) {
    super(
        "the script and input of Event \"" + eventName + "\" take " + bytes / 1024 + " KiB; at most "
            + maxBytes / 1024 + " KiB fit into a job Pod. Shorten the script or pass large data"
            + " another way (e.g. fetch it, or mount it through env from a ConfigMap).");
  }
}

package io.cronium.operator.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.cronium.operator.naming.NameHash;

/** The name and input of the run a runEvent action starts. */
public final class ChainedRuns {

  /** Names stay valid label values, as the scheduler's do. */
  static final int MAX_NAME_LENGTH = 63;

  private ChainedRuns() {}

  /**
   * {@code <run>-a<index>}; a name that would be too long keeps a prefix of the run's name and a
   * hash of the whole, so distinct runs still get distinct names.
   */
  public static String name(String predecessor, int index) {
    String suffix = "-a" + index;
    String whole = predecessor + suffix;
    if (whole.length() <= MAX_NAME_LENGTH) {
      return whole;
    }
    String hash = NameHash.sha256Hex(whole).substring(0, 10);
    int keep = MAX_NAME_LENGTH - suffix.length() - hash.length() - 1;
    return predecessor.substring(0, keep) + "-" + hash + suffix;
  }

  /**
   * The next run's input: the predecessor's output object as it is; a scalar or array wrapped
   * as {"value": ...}; {} when the predecessor did not succeed or wrote no output.
   */
  public static JsonNode input(JobRun predecessor) {
    ObjectNode empty = JsonNodeFactory.instance.objectNode();
    JsonNode output = predecessor.getStatus() == null ? null : predecessor.getStatus().getOutput();
    if (predecessor.phase() != JobRunPhase.Succeeded || output == null || output.isNull()) {
      return empty;
    }
    return output.isObject() ? output : empty.set("value", output);
  }
}

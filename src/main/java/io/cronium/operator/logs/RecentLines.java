package io.cronium.operator.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last lines a reader printed, at most {@link StoredTail#REMEMBERED}: what tells where the
 * stored tail continues them once the Pod is gone.
 */
public final class RecentLines {

  private final Deque<String> lines = new ArrayDeque<>();

  public void add(String line) {
    lines.addLast(line);
    if (lines.size() > StoredTail.REMEMBERED) {
      lines.removeFirst();
    }
  }

  public boolean isEmpty() {
    return lines.isEmpty();
  }

  /** The tail's lines after these ({@link StoredTail#after}). */
  public List<String> continuedBy(String tail) {
    return StoredTail.after(List.copyOf(lines), tail);
  }
}

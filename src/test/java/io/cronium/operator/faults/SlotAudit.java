package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.IncidentType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which slots of one interval Event are accounted for: each slot got a run, or a {@code Missed}
 * incident names it. The scheduler records missed slots as one incident at the slot it did run
 * ({@code missedRunPolicy: RunOnce} runs the latest due slot), saying how many slots before it
 * passed without a run; a slot neither run nor covered so is lost.
 */
final class SlotAudit {

  private static final Pattern MISSED_COUNT = Pattern.compile("^(\\d+) slot\\(s\\) passed without a run");

  /** @param missed slots a Missed incident accounts for; @param lost slots nothing accounts for */
  record Verdict(List<Instant> missed, List<Instant> lost) {}

  private SlotAudit() {}

  static Verdict audit(List<Instant> slots, Set<Instant> run, Collection<Incident> incidents, Duration interval) {
    Set<Instant> explained = new HashSet<>();
    for (Incident incident : incidents) {
      Matcher count = MISSED_COUNT.matcher(incident.getMessage() == null ? "" : incident.getMessage());
      if (incident.getType() == IncidentType.Missed && incident.getSlot() != null && count.find()) {
        Instant ranAt = Instant.parse(incident.getSlot());
        for (int k = 1; k <= Integer.parseInt(count.group(1)); k++) {
          explained.add(ranAt.minus(interval.multipliedBy(k)));
        }
      }
    }
    List<Instant> missed = new ArrayList<>();
    List<Instant> lost = new ArrayList<>();
    for (Instant slot : slots) {
      if (!run.contains(slot)) {
        (explained.contains(slot) ? missed : lost).add(slot);
      }
    }
    return new Verdict(missed, lost);
  }
}

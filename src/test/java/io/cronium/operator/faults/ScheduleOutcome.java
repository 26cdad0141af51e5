package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.EventStatus;
import io.cronium.api.v1alpha1.Incident;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the slots of a case's interval Events up to the end of its window went, from every run the
 * ledger saw and the Events' incidents: runs per slot (duplicates), slots with neither a run nor a
 * Missed incident naming them (lost), and runs that did not end Succeeded.
 */
final class ScheduleOutcome {

  /** A slot nothing accounts for, with the Event's incidents as they stand. */
  record LostSlot(String event, Instant slot, List<Incident> incidents) {
    @Override
    public String toString() {
      return event + "@" + slot + "; incidents " + incidents.stream()
          .map(i -> i.getType() + "@" + i.getSlot() + " \"" + i.getMessage() + "\"").toList();
    }
  }

  private final int slots;
  private final int runs;
  private final List<String> missed;
  private final List<LostSlot> lost;
  private final Map<String, List<RunLedger.Entry>> duplicates;
  private final List<RunLedger.Entry> notSucceeded;

  private ScheduleOutcome(int slots, int runs, List<String> missed, List<LostSlot> lost,
      Map<String, List<RunLedger.Entry>> duplicates, List<RunLedger.Entry> notSucceeded) {
    this.slots = slots;
    this.runs = runs;
    this.missed = missed;
    this.lost = lost;
    this.duplicates = duplicates;
    this.notSucceeded = notSucceeded;
  }

  /** Every slot up to {@code windowEnd} decided, and every run of them finished. */
  static boolean settled(KubernetesClient client, IntervalEvents events, RunLedger ledger, Instant windowEnd) {
    return events.handledThrough(client, windowEnd)
        && runsOfWindow(ledger, windowEnd).stream().allMatch(run -> run.phase().isTerminal());
  }

  static ScheduleOutcome of(KubernetesClient client, IntervalEvents events, RunLedger ledger, Instant windowEnd) {
    List<String> missed = new ArrayList<>();
    List<LostSlot> lost = new ArrayList<>();
    for (String event : events.names()) {
      EventStatus status = events.status(client, event);
      List<Incident> incidents = status == null ? List.of() : status.getIncidents();
      SlotAudit.Verdict verdict =
          SlotAudit.audit(events.slots(event, windowEnd), ledger.slotsRun(event), incidents, events.interval());
      verdict.missed().forEach(slot -> missed.add(event + "@" + slot));
      verdict.lost().forEach(slot -> lost.add(new LostSlot(event, slot, incidents)));
    }
    List<RunLedger.Entry> window = runsOfWindow(ledger, windowEnd);
    return new ScheduleOutcome(events.slotCount(windowEnd), window.size(), missed, lost, ledger.duplicates(),
        window.stream().filter(run -> run.phase() != JobRunPhase.Succeeded).toList());
  }

  private static List<RunLedger.Entry> runsOfWindow(RunLedger ledger, Instant windowEnd) {
    return ledger.runs().stream()
        .filter(run -> run.nominalTime() != null && !run.nominalTime().isAfter(windowEnd))
        .toList();
  }

  int slots() {
    return slots;
  }

  List<LostSlot> lost() {
    return lost;
  }

  Map<String, List<RunLedger.Entry>> duplicates() {
    return duplicates;
  }

  List<RunLedger.Entry> notSucceeded() {
    return notSucceeded;
  }

  void addTo(FaultReport report) {
    report.put("slots", slots).put("scheduled_runs", runs).put("missed_slots_with_incident", missed.size())
        .put("duplicate_slots", duplicates.size()).put("lost_slots", lost.size())
        .put("runs_not_succeeded", notSucceeded.size());
  }
}

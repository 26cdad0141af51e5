package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.JobRun;
import io.cronium.api.v1alpha1.JobRunLabels;
import io.cronium.api.v1alpha1.JobRunPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every JobRun of one namespace seen since the ledger started, kept after the run is deleted
 * (history limits prune finished runs): what the fault cases count duplicates, lost slots and
 * takeover times on. A watch delivers every create, so a run made and pruned between two looks of
 * a test is still counted, and a slot created twice shows as two uids.
 */
final class RunLedger implements AutoCloseable {

  /**
   * One run as last seen.
   *
   * @param event the Event it belongs to (label {@link JobRunLabels#EVENT})
   * @param nominalTime its slot (annotation {@link JobRunLabels#NOMINAL_TIME}); null for manual runs
   * @param firstSeen when this ledger saw it appear
   */
  record Entry(String uid, String name, String event, Instant nominalTime, Instant firstSeen, JobRunPhase phase,
      String reason) {

    String slotKey() {
      return event + "@" + nominalTime;
    }
  }

  private final Map<String, Entry> runs = new ConcurrentHashMap<>();
  private final SharedIndexInformer<JobRun> informer;

  RunLedger(KubernetesClient client, String namespace) {
    informer = client.resources(JobRun.class).inNamespace(namespace).runnableInformer(0);
    // Counting must outlast an API server or etcd outage.
    informer.exceptionHandler((started, failure) -> true);
    informer.addEventHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(JobRun run) {
        record(run);
      }

      @Override
      public void onUpdate(JobRun previous, JobRun run) {
        record(run);
      }

      @Override
      public void onDelete(JobRun run, boolean finalStateUnknown) {
        record(run);
      }
    });
    informer.start().toCompletableFuture().join();
  }

  private void record(JobRun run) {
    String nominal = run.getMetadata().getAnnotations().get(JobRunLabels.NOMINAL_TIME);
    runs.compute(run.getMetadata().getUid(), (uid, seen) -> new Entry(uid, run.getMetadata().getName(),
        run.getMetadata().getLabels().get(JobRunLabels.EVENT), nominal == null ? null : Instant.parse(nominal),
        seen == null ? Instant.now() : seen.firstSeen(), run.phase(),
        run.getStatus() == null ? null : run.getStatus().getReason()));
  }

  /** Every run seen, oldest first. */
  List<Entry> runs() {
    return runs.values().stream().sorted(Comparator.comparing(Entry::firstSeen)).toList();
  }

  /** The scheduled runs of slots that got more than one run, by "event@slot". */
  Map<String, List<Entry>> duplicates() {
    return runs.values().stream()
        .filter(entry -> entry.nominalTime() != null)
        .collect(Collectors.groupingBy(Entry::slotKey))
        .entrySet().stream()
        .filter(slot -> slot.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The slots of {@code event} that got a run. */
  Set<Instant> slotsRun(String event) {
    return runs.values().stream()
        .filter(entry -> event.equals(entry.event()) && entry.nominalTime() != null)
        .map(Entry::nominalTime)
        .collect(Collectors.toSet());
  }

  /** When the first run that appeared after {@code after} was seen. */
  Optional<Instant> firstSeenAfter(Instant after) {
    return runs.values().stream().map(Entry::firstSeen).filter(seen -> seen.isAfter(after))
        .min(Comparator.naturalOrder());
  }

  @Override
  public void close() {
    informer.close();
  }
}

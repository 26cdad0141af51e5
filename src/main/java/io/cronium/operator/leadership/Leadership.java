package io.cronium.operator.leadership;

import io.cronium.operator.config.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Whether this replica may act on the cluster: it holds the Lease it won, or has not lost it since.
 *
 * <p>JOSDK (5.3.2) starts the controllers once the Lease is won and, when it is lost, either exits
 * or only logs and keeps them running. Exiting restarts the Pod on every API server outage longer
 * than the renew deadline; running on would let two replicas schedule. So a replica that lost the
 * Lease stands still (reconcilers ask {@link #leading()}) and campaigns again under the same
 * identity: once the API server is back it renews its own Lease at once, and if another replica
 * took the Lease meanwhile it waits as a standby.
 */
public class Leadership implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Leadership.class);

  private final KubernetesClient client;
  private final OperatorSettings.LeaderElection settings;
  private final String identity;
  private final ExecutorService campaigns = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "lease-campaign");
    thread.setDaemon(true);
    return thread;
  });
  /** JOSDK runs no reconcile before the first win, so only a loss needs telling apart. */
  private volatile boolean leading = true;
  private volatile boolean closed;
  private CompletableFuture<?> campaign;

  public Leadership(KubernetesClient client, OperatorSettings.LeaderElection settings) {
    this.client = client;
    this.settings = settings;
    this.identity = settings.identity().orElseGet(Leadership::hostIdentity);
  }

  /** What JOSDK campaigns with first: it must not exit when the Lease is lost, this class handles that. */
  public LeaderElectionConfiguration configuration() {
    return new LeaderElectionConfiguration(settings.leaseName(), settings.leaseNamespace().orElse(null),
        settings.leaseDuration(), settings.renewDeadline(), settings.retryPeriod(), identity, callbacks(), false);
  }

  /** False from losing the Lease until winning it again: reconcilers then change nothing. */
  public boolean leading() {
    return leading;
  }

  /** How soon a reconcile that stood still should look again. */
  public Duration retryPeriod() {
    return settings.retryPeriod();
  }

  /** Stops campaigning; called before the operator stops, whose own loss is then no reason to campaign. */
  @Override
  public synchronized void close() {
    closed = true;
    if (campaign != null) {
      campaign.cancel(true);
    }
    campaigns.shutdownNow();
  }

  private LeaderCallbacks callbacks() {
    return new LeaderCallbacks(this::won, this::lost, leader -> { });
  }

  private void won() {
    if (!leading) {
      LOG.infof("Leading again as %s", identity);
    }
    leading = true;
  }

  private synchronized void lost() {
    leading = false;
    if (closed) {
      return;
    }
    LOG.infof("Lost the Lease %s: standing still and campaigning again as %s", settings.leaseName(), identity);
    campaign = new LeaderElectorBuilder(client, campaigns)
        .withConfig(new LeaderElectionConfigBuilder()
            .withName(settings.leaseName())
            .withLock(new LeaseLock(leaseNamespace(), settings.leaseName(), identity))
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod())
            .withLeaderCallbacks(callbacks())
            .withReleaseOnCancel(true)
            .build())
        .build()
        .start();
  }

  /** Where JOSDK put the Lease: the configured namespace, or else the client's. */
  private String leaseNamespace() {
    return settings.leaseNamespace().orElseGet(() -> client.getConfiguration().getNamespace());
  }

  /** In a Pod the hostname is the Pod name: unique per replica and readable in the Lease. */
  private static String hostIdentity() {
    return Optional.ofNullable(System.getenv("HOSTNAME"))
        .filter(name -> !name.isBlank())
        .orElseGet(() -> "cronium-operator-" + UUID.randomUUID());
  }
}

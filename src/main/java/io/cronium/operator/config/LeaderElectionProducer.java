package io.cronium.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Leader election through a Lease, so that with several replicas exactly one schedules. All
 * scheduling state lives in the API server, so a new leader continues where the old one stopped.
 * quarkus-operator-sdk applies it in the profiles named by
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}.
 */
public class LeaderElectionProducer {

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
    return configuration(settings.leaderElection());
  }

  public static LeaderElectionConfiguration configuration(OperatorSettings.LeaderElection election) {
    LeaderElectionConfigurationBuilder builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(election.leaseName())
            .withIdentity(election.identity().orElseGet(LeaderElectionProducer::hostIdentity))
            .withLeaseDuration(election.leaseDuration())
            .withRenewDeadline(election.renewDeadline())
            .withRetryPeriod(election.retryPeriod());
    election.leaseNamespace().ifPresent(builder::withLeaseNamespace);
    // JOSDK reserves staying alive after losing the lease for tests.
    return election.exitOnStopLeading() ? builder.build() : builder.buildForTest(false);
  }

  /** In a Pod the hostname is the Pod name: unique per replica and readable in the Lease. */
  private static String hostIdentity() {
    return Optional.ofNullable(System.getenv("HOSTNAME"))
        .filter(name -> !name.isBlank())
        .orElseGet(() -> "cronium-operator-" + UUID.randomUUID());
  }
}

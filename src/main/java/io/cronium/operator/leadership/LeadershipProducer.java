package io.cronium.operator.leadership;

import io.cronium.operator.config.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Leader election through a Lease, so that with several replicas exactly one schedules. All
 * scheduling state lives in the API server, so a new leader continues where the old one stopped.
 * quarkus-operator-sdk applies it in the profiles named by
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}.
 */
@Singleton
public class LeadershipProducer {

  @Produces
  @Singleton
  Leadership leadership(KubernetesClient client, OperatorSettings settings) {
    return new Leadership(client, settings.leaderElection());
  }

  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(Leadership leadership) {
    return leadership.configuration();
  }

  /** Before quarkus-operator-sdk stops the operator, which releases the Lease for a fast handover. */
  void stopCampaigning(@Observes @Priority(1) ShutdownEvent shutdown, Leadership leadership) {
    leadership.close();
  }
}

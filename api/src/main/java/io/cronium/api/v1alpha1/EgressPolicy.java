package io.cronium.api.v1alpha1;

/**
 * Where a run's Pod may connect to. The operator labels the Pod with it; NetworkPolicies (the
 * chart's, or the cluster admin's) select on that label and do the enforcing.
 */
public enum EgressPolicy {
  /** The namespace's job policy: anywhere but the metadata, link-local and API server addresses. */
  Default,
  /** No outgoing connection at all, DNS included. */
  None
}

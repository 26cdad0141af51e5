package io.cronium.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Operator-wide settings, bound from {@code cronium.*} properties (env {@code CRONIUM_*}). */
@ConfigMapping(prefix = "cronium")
public interface OperatorSettings {

  Runtime runtime();

  Job job();

  LeaderElection leaderElection();

  LogApi logApi();

  Actions actions();

  Health health();

  Webhooks webhooks();

  /** The webhook endpoint, {@code POST /hooks/{namespace}/{event}} (docs/webhooks.md). */
  interface Webhooks {
    /**
     * Deliveries one Event accepts per minute on each replica, at once or spread out; more are
     * answered 429 until the minute's allowance refills.
     */
    @WithDefault("60")
    int ratePerMinute();

    /** Deliveries handled at once; each holds a thread while it reads the API server. */
    @WithDefault("8")
    int workers();

    /** Deliveries waiting for a worker; more are answered 503 at once. */
    @WithDefault("200")
    int queue();
  }

  interface Health {
    /**
     * How long an informer of the leading replica may stay stopped, unsynced or not watching
     * before liveness fails and Kubernetes restarts the Pod: informers retry on their own, and
     * this catches the one that cannot recover.
     */
    @WithDefault("60s")
    Duration informerUnhealthyLimit();
  }

  interface Actions {
    /**
     * Let notify actions reach loopback, private and link-local addresses. Off by default: a
     * tool Secret must not make the operator call into the cluster's own network (SSRF).
     */
    @WithDefault("false")
    boolean allowPrivateTargets();
  }

  Sandbox sandbox();

  /** Ceilings for what an Event may ask for; larger requests are lowered to them. */
  interface Sandbox {
    @WithDefault("2")
    String maxCpu();

    @WithDefault("2Gi")
    String maxMemory();
  }

  interface Runtime {
    /** Image job Pods run; defaults to the runtime-api release matching this operator. */
    @WithDefault("cronium/runtime-api:${quarkus.application.version}")
    String image();

    @WithDefault("IfNotPresent")
    String imagePullPolicy();
  }

  interface Job {
    /**
     * How long past an Event's timeout the operator waits before it stops the Pod itself.
     * runtime-api enforces the timeout inside the Pod; this is the backstop for a Pod that
     * never reports (node lost, image stuck, runtime killed).
     */
    @WithDefault("15s")
    Duration timeoutGrace();

    /** SIGTERM-to-SIGKILL grace when a run is cancelled; keeps the stop within 10 s. */
    @WithDefault("5s")
    Duration cancelGrace();

    /** How often a run queued behind another (concurrencyPolicy Queue) looks again. */
    @WithDefault("2s")
    Duration queueRecheck();

    /** Bytes of a finished run's log kept in JobRun status (bounded: objects max out at 1.5 MB). */
    @WithDefault("65536")
    int logTailBytes();

    /**
     * How long a deleted job Pod is held past its deletion time for a result the kubelet never
     * reports (node lost). Then it is released and its run ends PodLost. Also how long past a
     * container's end its node may take to serve the log that holds the result (ResultNotRead).
     */
    @WithDefault("60s")
    Duration resultWait();

    /**
     * How long after its Pod's creation a run whose image pull keeps failing (ErrImagePull,
     * ImagePullBackOff) waits for the kubelet's retries before it fails ImagePullFailed; an image
     * that can never be pulled (InvalidImageName) fails at once.
     */
    @WithDefault("60s")
    Duration imagePullGrace();
  }

  /** The aggregated log API, {@code logs.cronium.io} (docs/logs.md). */
  interface LogApi {
    /** Its HTTPS port; 0 picks a free one. */
    @WithDefault("8443")
    int port();

    /**
     * The serving certificate (PEM, with its chain) the APIService's caBundle vouches for. The API
     * is served once it and the key exist, and reloaded when they change (a rotated Secret).
     */
    @WithDefault("/etc/cronium/log-api-tls/tls.crt")
    Path tlsCertFile();

    @WithDefault("/etc/cronium/log-api-tls/tls.key")
    Path tlsKeyFile();

    /** How often the certificate files are looked at for a change. */
    @WithDefault("30s")
    Duration tlsReloadInterval();

    /**
     * How long a non-follow answer of a finished run is reused for the same question (each reader
     * still authorized): its log no longer changes, but the run may be deleted.
     */
    @WithDefault("5s")
    Duration finishedAnswerTtl();

    /** How long a SubjectAccessReview's answer is reused for the same user and question. */
    @WithDefault("10s")
    Duration accessCacheTtl();

    /** Log reads served at once, followed or not; more are refused with 429 (TooManyRequests). */
    @WithDefault("200")
    int maxReads();
  }

  /** One replica schedules and runs; the others wait on a coordination.k8s.io Lease. */
  interface LeaderElection {
    @WithDefault("cronium-operator")
    String leaseName();

    /** Namespace of the Lease; default: the operator's own (its service account's). */
    Optional<String> leaseNamespace();

    /** This replica's name in the Lease; default: the Pod's hostname. */
    Optional<String> identity();

    /** A stopped leader's Lease is taken over after at most this long. */
    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();
  }
}

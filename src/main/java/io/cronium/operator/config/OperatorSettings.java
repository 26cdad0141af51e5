package io.cronium.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator-wide settings, bound from {@code cronium.*} properties (env {@code CRONIUM_*}). */
@ConfigMapping(prefix = "cronium")
public interface OperatorSettings {

  Runtime runtime();

  Job job();

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

    /** How often a JobRun whose Event does not exist (yet) looks again. */
    @WithDefault("10s")
    Duration eventRecheck();

    /** Bytes of a finished run's log kept in JobRun status (bounded: objects max out at 1.5 MB). */
    @WithDefault("65536")
    int logTailBytes();
  }
}

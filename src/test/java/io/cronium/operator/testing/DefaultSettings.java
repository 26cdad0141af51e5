package io.cronium.operator.testing;

import io.cronium.operator.config.OperatorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** {@link OperatorSettings} with the production defaults, for operators a test builds by hand. */
public final class DefaultSettings implements OperatorSettings {

  private final String identity;

  /** @param identity this replica's name in the leader election Lease */
  public DefaultSettings(String identity) {
    this.identity = identity;
  }

  @Override
  public Runtime runtime() {
    return new Runtime() {
      @Override
      public String image() {
        return "cronium/runtime-api:test";
      }

      @Override
      public String imagePullPolicy() {
        return "IfNotPresent";
      }
    };
  }

  @Override
  public Webhooks webhooks() {
    return new Webhooks() {
      @Override
      public int ratePerMinute() {
        return 60;
      }

      @Override
      public int workers() {
        return 8;
      }

      @Override
      public int queue() {
        return 200;
      }
    };
  }

  @Override
  public Health health() {
    return () -> Duration.ofSeconds(60);
  }

  @Override
  public Job job() {
    return new Job() {
      @Override
      public Duration timeoutGrace() {
        return Duration.ofSeconds(15);
      }

      @Override
      public Duration cancelGrace() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Duration queueRecheck() {
        return Duration.ofSeconds(2);
      }

      @Override
      public int logTailBytes() {
        return 65536;
      }

      @Override
      public Duration resultWait() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Duration imagePullGrace() {
        return Duration.ofSeconds(60);
      }
    };
  }

  @Override
  public LogApi logApi() {
    return new LogApi() {
      @Override
      public int port() {
        return 8443;
      }

      @Override
      public Path tlsCertFile() {
        return Path.of("/etc/cronium/log-api-tls/tls.crt");
      }

      @Override
      public Path tlsKeyFile() {
        return Path.of("/etc/cronium/log-api-tls/tls.key");
      }

      @Override
      public Duration tlsReloadInterval() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Duration finishedAnswerTtl() {
        return Duration.ofSeconds(5);
      }

      @Override
      public Duration accessCacheTtl() {
        return Duration.ofSeconds(10);
      }

      @Override
      public int maxReads() {
        return 200;
      }
    };
  }

  @Override
  public Sandbox sandbox() {
    return new Sandbox() {
      @Override
      public String maxCpu() {
        return "2";
      }

      @Override
      public String maxMemory() {
        return "2Gi";
      }
    };
  }

  @Override
  public Actions actions() {
    return () -> false;
  }

  @Override
  public LeaderElection leaderElection() {
    return new LeaderElection() {
      @Override
      public String leaseName() {
        return "cronium-operator";
      }

      @Override
      public Optional<String> leaseNamespace() {
        return Optional.of("default");
      }

      @Override
      public Optional<String> identity() {
        return Optional.of(identity);
      }

      @Override
      public Duration leaseDuration() {
        return Duration.ofSeconds(15);
      }

      @Override
      public Duration renewDeadline() {
        return Duration.ofSeconds(10);
      }

      @Override
      public Duration retryPeriod() {
        return Duration.ofSeconds(2);
      }
    };
  }
}

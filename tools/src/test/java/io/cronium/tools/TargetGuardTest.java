package io.cronium.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.9", "192.168.1.1",
      "169.254.169.254", "0.0.0.0", "0.1.2.3", "100.64.0.1", "100.127.255.254", "::1", "fd00::1", "fe80::1"})
  void refusesLoopbackPrivateAndLinkLocalTargets(String host) {
    assertThat(new TargetGuard(false).check(host).refusal())
        .hasValueSatisfying(reason -> assertThat(reason).contains(host, "allow-private-targets"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "100.63.255.255", "100.128.0.1", "2001:4860:4860::8888"})
  void letsPublicAddressesThroughToBeConnectedTo(String host) throws Exception {
    assertThat(new TargetGuard(false).check(host).address()).hasValue(InetAddress.getByName(host));
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3"})
  void allowsPrivateTargetsWhenConfigured(String host) throws Exception {
    assertThat(new TargetGuard(true).check(host).address()).hasValue(InetAddress.getByName(host));
  }

  @Test
  void aLookupThatHangsIsGivenUpAfterItsTimeout() {
    TargetGuard guard = new TargetGuard(false, host -> {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UnknownHostException(host);
    });

    assertThat(guard.check("slow.example.test").refusal())
        .hasValue("host slow.example.test did not resolve within 5 s");
  }
}

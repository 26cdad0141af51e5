package io.cronium.operator.action.tool;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses notification targets inside private networks: a tool Secret must not turn the
 * operator into a proxy into the cluster (SSRF). Tests allow private targets for local receivers.
 */
public final class TargetGuard {

  private final boolean allowPrivate;

  public TargetGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** Why {@code host} may not be called, or empty when it may. */
  public Optional<String> refusal(String host) {
    if (allowPrivate) {
      return Optional.empty();
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return Optional.of("host " + host + " does not resolve");
    }
    for (InetAddress address : addresses) {
      if (isPrivate(address)) {
        return Optional.of("host " + host + " resolves to a loopback, private or link-local address,"
            + " which notifications may not reach (cronium.actions.allow-private-targets)");
      }
    }
    return Optional.empty();
  }

  static boolean isPrivate(InetAddress address) {
    return address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isMulticastAddress()
        || (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc);
  }
}

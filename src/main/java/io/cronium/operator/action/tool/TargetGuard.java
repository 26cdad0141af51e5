package io.cronium.operator.action.tool;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses notification targets inside private networks (loopback, RFC 1918, link-local with the
 * cloud metadata address, unique local IPv6, 0.0.0.0/8 and the shared 100.64.0.0/10): a tool
 * Secret must not turn the operator into a proxy into the cluster (SSRF). Tests allow private targets for local receivers.
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
        || (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc)
        || (address instanceof Inet4Address && (thisNetwork(address) || carrierGradeNat(address)));
  }

  /** 0.0.0.0/8: "this network", reaching the host itself on many systems. */
  private static boolean thisNetwork(InetAddress address) {
    return address.getAddress()[0] == 0;
  }

  /** 100.64.0.0/10: shared address space, used for Pod and node networks by some providers. */
  private static boolean carrierGradeNat(InetAddress address) {
    byte[] bytes = address.getAddress();
    return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
  }
}

package io.cronium.tools;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Resolves a notification target once and refuses it inside private networks (loopback, RFC 1918,
 * link-local with the cloud metadata address, unique local IPv6, 0.0.0.0/8 and the shared
 * 100.64.0.0/10): a tool Secret must not turn the operator into a proxy into the cluster (SSRF).
 * The send then connects to the address checked here and never looks the name up again, so a DNS
 * answer that changes in between (rebinding) cannot lead it elsewhere. Tests allow private targets
 * for local receivers.
 */
public final class TargetGuard {

  /** How long a lookup may take: the system resolver has no limit of its own. */
  static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

  /** Name lookup; {@link InetAddress#getAllByName} unless a test stands in for DNS. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /** Where a send may connect, or why it may not. */
  public record Verdict(Optional<InetAddress> address, Optional<String> refusal) {

    static Verdict connectTo(InetAddress address) {
      return new Verdict(Optional.of(address), Optional.empty());
    }

    static Verdict refuse(String why) {
      return new Verdict(Optional.empty(), Optional.of(why));
    }
  }

  /** Lookups run here so that one that hangs costs a thread of its own, never the sender's wait. */
  private static final ExecutorService LOOKUPS = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "cronium-target-lookup");
    thread.setDaemon(true);
    return thread;
  });

  private final boolean allowPrivate;
  private final Resolver resolver;

  public TargetGuard(boolean allowPrivate) {
    this(allowPrivate, InetAddress::getAllByName);
  }

  public TargetGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The address to connect to for {@code host}, or why it may not be called. */
  public Verdict check(String host) {
    InetAddress[] addresses;
    try {
      addresses = lookUp(host);
    } catch (UnknownHostException e) {
      return Verdict.refuse("host " + host + " does not resolve");
    } catch (TimeoutException e) {
      return Verdict.refuse("host " + host + " did not resolve within " + LOOKUP_TIMEOUT.toSeconds() + " s");
    }
    if (!allowPrivate) {
      for (InetAddress address : addresses) {
        if (isPrivate(address)) {
          return Verdict.refuse("host " + host + " resolves to a loopback, private or link-local address,"
              + " which notifications may not reach (cronium.actions.allow-private-targets)");
        }
      }
    }
    return Verdict.connectTo(addresses[0]);
  }

  private InetAddress[] lookUp(String host) throws UnknownHostException, TimeoutException {
    CompletableFuture<InetAddress[]> lookup = new CompletableFuture<>();
    LOOKUPS.execute(() -> {
      try {
        lookup.complete(resolver.resolve(host));
      } catch (UnknownHostException | RuntimeException e) {
        lookup.completeExceptionally(e);
      }
    });
    try {
      InetAddress[] addresses = lookup.get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (addresses.length == 0) {
        throw new UnknownHostException(host);
      }
      return addresses;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof UnknownHostException unknown ? unknown : new UnknownHostException(host);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TimeoutException("interrupted");
    }
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

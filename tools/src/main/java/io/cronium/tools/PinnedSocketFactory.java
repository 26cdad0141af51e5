package io.cronium.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain sockets that connect to one checked address whatever host name they are asked for: the
 * mail client names the host (for its TLS handshake and certificate check, layered on top), and
 * whatever a lookup of that name answers later is never connected to.
 */
final class PinnedSocketFactory extends SocketFactory {

  private final InetAddress address;

  PinnedSocketFactory(InetAddress address) {
    this.address = address;
  }

  @Override
  public Socket createSocket() {
    return new Socket() {
      @Override
      public void connect(SocketAddress endpoint, int timeout) throws IOException {
        super.connect(new InetSocketAddress(address, ((InetSocketAddress) endpoint).getPort()), timeout);
      }
    };
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket(address, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localAddress, int localPort) throws IOException {
    return createSocket(address, port, localAddress, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return new Socket(address, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
    return new Socket(address, port, localAddress, localPort);
  }
}

package io.chimera.insight.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for containers on host networking: they share the host's ports with everything
 * else on it (other test runs included), so each container gets ports that were free just now,
 * never fixed ones, and no two containers of a test the same one.
 */
final class HostPorts {

    private final Set<Integer> handedOut = new HashSet<>();

    synchronized int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (handedOut.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no fresh free loopback port after 100 tries");
    }
}

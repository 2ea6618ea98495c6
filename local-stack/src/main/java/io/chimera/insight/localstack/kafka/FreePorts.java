package io.chimera.insight.localstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks free loopback ports up front. KRaft needs the controller's port before it starts (it is
 * part of {@code controller.quorum.voters}), so "bind port 0 and ask afterwards" is not an option.
 * The port is released before Kafka binds it; a clash with another process is possible but rare,
 * and {@link EmbeddedKafkaBroker} retries with fresh ports when it happens.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}

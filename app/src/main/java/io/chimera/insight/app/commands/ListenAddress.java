package io.chimera.insight.app.commands;

import java.net.InetSocketAddress;

/** Parses a {@code HOST:PORT} flag ({@code [::1]:8081} for an IPv6 host) into an address to bind. */
final class ListenAddress {

    private ListenAddress() {
    }

    static InetSocketAddress parse(String text, String flag) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(flag + " must be HOST:PORT, not '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be HOST:PORT with a numeric port, not '" + text + "'", e);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(flag + " port must be 0 to 65535, not " + port);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException(flag + ": unknown host '" + host + "'");
        }
        return address;
    }
}

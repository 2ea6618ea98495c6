package io.chimera.insight.app.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @Test
    void readsHostAndPortIncludingABracketedIpv6Host() {
        InetSocketAddress loopback = ListenAddress.parse("127.0.0.1:8081", "--listen");
        InetSocketAddress every = ListenAddress.parse("0.0.0.0:0", "--listen");
        InetSocketAddress ipv6 = ListenAddress.parse("[::1]:18081", "--listen");

        assertThat(loopback.getAddress().isLoopbackAddress()).isTrue();
        assertThat(loopback.getPort()).isEqualTo(8081);
        assertThat(every.getAddress().isAnyLocalAddress()).isTrue();
        assertThat(every.getPort()).isZero();
        assertThat(ipv6.getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ipv6.getPort()).isEqualTo(18081);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8081", ":8081", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000"})
    void refusesWhatIsNotHostColonPortNamingTheFlag(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text, "--listen"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--listen");
    }
}

package io.mailcensus.worker.dns.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpPoolSwitchTest {

    @AfterEach
    void clear() {
        System.clearProperty(DomainChecker.UDP_POOL_SWITCH);
    }

    @Test
    void the_pool_is_on_unless_switched_off() {
        if (System.getenv("MAILCENSUS_DNS_UDP_POOL") == null) {
            assertThat(DomainChecker.udpPoolEnabled()).isTrue();
        }
        System.setProperty(DomainChecker.UDP_POOL_SWITCH, "off");
        assertThat(DomainChecker.udpPoolEnabled()).isFalse();
        System.setProperty(DomainChecker.UDP_POOL_SWITCH, "on");
        assertThat(DomainChecker.udpPoolEnabled()).isTrue();
    }
}

package io.mailcensus.worker.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static final InetAddress OWN = InetAddress.ofLiteral("198.41.0.77");
    private static final AddressPolicy STRICT = AddressPolicy.of(List.of(), Set.of(OWN));

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1                 | policy: loopback
            127.81.5.1                | policy: loopback
            ::1                       | policy: loopback
            ::ffff:127.0.0.1          | policy: loopback
            0.0.0.0                   | policy: unspecified
            0.1.2.3                   | policy: this network
            ::                        | policy: unspecified
            ::127.81.5.1              | policy: loopback (127.81.5.1 in IPv4-compatible ::7f51:501)
            64:ff9b::7f51:501         | policy: loopback (127.81.5.1 in NAT64 64:ff9b::7f51:501)
            64:ff9b::a00:1            | policy: private (10.0.0.1 in NAT64 64:ff9b::a00:1)
            2002:c0a8:101::1          | policy: private (192.168.1.1 in 6to4 2002:c0a8:101::1)
            2001:0:4136:e378:8000:63bf:80ff:fffe | policy: loopback (127.0.0.1 in Teredo client 2001:0:4136:e378:8000:63bf:80ff:fffe)
            fe80::1:200:5efe:a00:1    | policy: private (10.0.0.1 in ISATAP fe80::1:200:5efe:a00:1)
            10.1.2.3                  | policy: private
            172.16.0.1                | policy: private
            172.31.255.255            | policy: private
            192.168.0.1               | policy: private
            100.64.0.1                | policy: shared address space (CGNAT)
            169.254.169.254           | policy: link-local
            224.0.0.1                 | policy: multicast
            239.255.255.250           | policy: multicast
            255.255.255.255           | policy: broadcast
            240.0.0.1                 | policy: reserved
            192.0.2.7                 | policy: documentation
            198.51.100.1              | policy: documentation
            203.0.113.9               | policy: documentation
            198.18.0.1                | policy: benchmarking
            192.0.0.8                 | policy: IETF protocol assignments
            2001:db8::25              | policy: documentation
            3fff::1                   | policy: documentation
            fc00::1                   | policy: unique-local
            fd12:3456::1              | policy: unique-local
            fe80::1                   | policy: link-local
            ff02::1                   | policy: multicast
            100::1                    | policy: discard-only
            2001:2::1                 | policy: benchmarking
            4000::1                   | policy: reserved
            198.41.0.77               | policy: the scanner's own address
            """)
    void refusesSpecialPurposeAddressesWithTheirReason(String address, String reason) {
        assertThat(STRICT.refusal(InetAddress.ofLiteral(address))).contains(reason);
    }

    @ParameterizedTest(name = "{0} may be probed")
    @CsvSource(textBlock = """
            192.0.43.8
            8.8.8.8
            172.32.0.1
            100.128.0.1
            2a00:1450:4001:82a::201a
            64:ff9b::808:808
            2002:808:808::1
            """)
    void letsOrdinaryAddressesThrough(String address) {
        assertThat(STRICT.refusal(InetAddress.ofLiteral(address))).isEmpty();
    }

    @Test
    void allowedBlocksAreExemptInEveryForm() {
        AddressPolicy testbed = AddressPolicy.of(List.of(Cidr.parse("127.0.0.0/8")), Set.of());
        assertThat(testbed.refusal(InetAddress.ofLiteral("127.100.0.1"))).isEmpty();
        assertThat(testbed.refusal(InetAddress.ofLiteral("::ffff:127.100.0.1"))).isEmpty();
        assertThat(testbed.refusal(InetAddress.ofLiteral("64:ff9b::7f64:1"))).isEmpty();
        assertThat(testbed.refusal(InetAddress.ofLiteral("::1"))).contains("policy: loopback");
        assertThat(testbed.refusal(InetAddress.ofLiteral("10.0.0.1"))).contains("policy: private");
    }

    @Test
    void theMachinesOwnAddressesAreRefused() throws Exception {
        AddressPolicy real = AddressPolicy.forThisMachine(List.of());
        var nic = java.net.NetworkInterface.networkInterfaces()
                .flatMap(java.net.NetworkInterface::inetAddresses).findFirst();
        nic.ifPresent(a -> assertThat(real.refusal(InetAddress.ofLiteral(a.getHostAddress().replaceAll("%.*", ""))))
                .isPresent());
    }

    @Test
    void cidrParsesBlocksAndSingleAddresses() {
        assertThat(Cidr.parse("127.1.2.3/8")).isEqualTo(Cidr.parse("127.0.0.0/8"));
        assertThat(Cidr.parse("::1").contains(InetAddress.ofLiteral("::1"))).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains(InetAddress.ofLiteral("febf::1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(InetAddress.ofLiteral("::a00:1"))).isFalse();
        for (String bad : List.of("", "10.0.0.0/33", "example.com", "10.0.0.0/x", "fe80::1%eth0", "::ffff:10.0.0.0/104")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cidr.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}

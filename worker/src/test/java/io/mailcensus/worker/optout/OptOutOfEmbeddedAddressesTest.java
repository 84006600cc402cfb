package io.mailcensus.worker.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An opted-out IPv4 block cannot be reached through an IPv6 form that carries its addresses. */
class OptOutOfEmbeddedAddressesTest {

    private final OptOutList list = OptOutList.parse("127.81.5.0/24\n");

    @ParameterizedTest(name = "{0} blocked: {1}")
    @CsvSource(textBlock = """
            127.81.5.1, true
            ::ffff:127.81.5.1, true
            ::127.81.5.1, true
            64:ff9b::7f51:501, true
            2002:7f51:501::1, true
            2001:0:4136:e378:8000:63bf:80ae:fafe, true
            64:ff9b::7f51:601, false
            2a00:1450::7f51:501, false
            """)
    void blocksEveryFormOfAnOptedOutAddress(String address, boolean blocked) {
        assertThat(list.blocks(InetAddress.ofLiteral(address))).isEqualTo(blocked);
    }
}

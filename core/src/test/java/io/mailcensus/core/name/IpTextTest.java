package io.mailcensus.core.name;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0:0:0:0:0:0:0:1|::1",
            "0:0:0:0:0:0:0:0|::",
            "2001:db8:0:0:0:0:0:1|2001:db8::1",
            "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1|2001:0:0:1::1",
            "2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1",
            "2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:1|2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
            "fe80:0:0:0:0:0:0:0|fe80::",
            "192.0.2.1|192.0.2.1",
    })
    void rfc5952Text(String input, String expected) throws UnknownHostException {
        assertThat(IpText.of(InetAddress.getByName(input).getAddress())).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void mappedIpv4KeepsItsIpv6Form() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        assertThat(IpText.of(mapped)).isEqualTo("::ffff:192.0.2.1");
    }
}

package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** --allow-address takes address blocks only, and says so before any probe starts. */
class AllowAddressOptionTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int check(String block) {
        return Main.run(new String[] {"check", "example.ch", "--resolver", "127.0.0.1:9", "--timeout", "200ms",
                "--retries", "0", "--no-smtp", "--no-http", "--allow-address", block},
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aBadBlockIsOneLineAndExit2() {
        assertThat(check("10.0.0.0/99")).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-address: prefix length must be 0..32: 99").doesNotContain("Exception");
    }

    @Test
    void aHostNameIsNotABlock() {
        assertThat(check("localhost")).isEqualTo(2);
        assertThat(err.toString()).contains("--allow-address: not an address block: 'localhost'");
    }
}

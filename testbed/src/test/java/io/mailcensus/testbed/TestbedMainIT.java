package io.mailcensus.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.server.DnsProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/** The CLI brings a testbed up and down idempotently; the servers outlive the {@code up} call. */
class TestbedMainIT {

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return TestbedMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @AfterEach
    void down() {
        run("down", "--dir", dir.toString());
    }

    @Test
    void upUpStatusDownDown() throws Exception {
        String d = dir.toString();
        assertThat(run("up", "--dir", d, "--domains", "1000", "--seed", "3")).isZero();
        assertThat(output()).startsWith("up\n").contains("resolver 127.53.");
        System.out.print(output());
        String resolver = output().lines().filter(l -> l.startsWith("resolver ")).findFirst().orElseThrow()
                .substring("resolver ".length());
        InetSocketAddress address = new InetSocketAddress(resolver.split(":")[0], 53);
        assertThat(Rcode.string(DnsProbe.ask(address, "test", Type.SOA, true, Duration.ofSeconds(5)).getRcode()))
                .isEqualTo("NOERROR");

        assertThat(run("up", "--dir", d, "--domains", "1000", "--seed", "3")).isZero();
        assertThat(output()).startsWith("already up\n").contains("resolver " + resolver);
        assertThat(run("up", "--dir", d, "--domains", "1000", "--seed", "4")).isEqualTo(1);
        assertThat(run("status", "--dir", d)).isZero();
        assertThat(output()).contains("knotd running pid", "lame-knotd running pid", "unbound running pid");

        assertThat(run("down", "--dir", d)).isZero();
        assertThat(output()).isEqualTo("down\n");
        assertThat(run("down", "--dir", d)).isZero();
        assertThat(output()).isEqualTo("already down\n");
        assertThat(run("status", "--dir", d)).isEqualTo(3);

        // up again on the same directory reuses the generated zones
        assertThat(run("up", "--dir", d, "--domains", "1000", "--seed", "3")).isZero();
        assertThat(output()).containsPattern("zones 0\\.0\\d s");
    }

    @Test
    void latencyIsPartOfTheInputsAndDownStopsTheRelay() throws Exception {
        String d = dir.toString();
        assertThat(run("up", "--dir", d, "--domains", "100", "--seed", "3", "--latency", "20", "--loss", "0.5%")).isZero();
        assertThat(output()).contains("link 20 ms RTT, loss 0.5% (delay relay in front of knotd at 127.53.");
        assertThat(run("up", "--dir", d, "--domains", "100", "--seed", "3", "--latency", "20ms", "--loss", "0.5"))
                .isZero();
        assertThat(output()).startsWith("already up\n");
        assertThat(run("up", "--dir", d, "--domains", "100", "--seed", "3")).as("other latency").isEqualTo(1);
        assertThat(run("status", "--dir", d)).isZero();
        assertThat(output()).contains("delay-relay running pid", "link 20 ms RTT");
        long relayPid = Long.parseLong(output().lines().filter(l -> l.startsWith("delay-relay running pid "))
                .findFirst().orElseThrow().substring("delay-relay running pid ".length()));

        assertThat(run("down", "--dir", d)).isZero();
        assertThat(ProcessHandle.of(relayPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(run("status", "--dir", d)).isEqualTo(3);
    }
}

package io.mailcensus.coordinator.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.core.name.Rejection;
import io.mailcensus.testbed.server.AxfrServer;
import io.mailcensus.testbed.zone.Directories;
import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.xbill.DNS.Name;

/**
 * A real knotd serves a generated TLD-like zone of 20,000 delegations over AXFR on loopback,
 * to holders of one TSIG key only, as SWITCH serves .ch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AxfrSourceIT {

    private static final int GOOD_DELEGATIONS = 20_000;
    /** Delegations the coordinator must reject (and count), not the transfer. */
    private static final List<String> MALFORMED = List.of("bad_name.zz", "-leading-hyphen.zz");
    private static final String ZONE = "zz.";
    private static final String LISTEN = "127.54.0.1";

    private Path dir;
    private AxfrServer primary;
    private String secret;
    private List<String> delegations;

    @BeforeAll
    void startPrimary() throws Exception {
        dir = Files.createTempDirectory("mailcensus-axfr-it");
        byte[] key = new byte[32];
        new Random(54).nextBytes(key);
        secret = Base64.getEncoder().encodeToString(key);
        Path zoneFile = dir.resolve("zz.zone");
        delegations = writeZone(zoneFile);
        primary = AxfrServer.start(dir.resolve("knot"), ZONE, zoneFile,
                new InetSocketAddress(InetAddress.getByName(LISTEN), freePort()),
                new AxfrServer.TsigKey("hmac-sha256", "transfer.zz", secret), Duration.ofSeconds(60));
    }

    @AfterAll
    void stopPrimary() throws IOException {
        if (primary != null) {
            primary.close();
        }
        if (dir != null) {
            Directories.deleteRecursively(dir);
        }
    }

    @Test
    void withTheKeyEveryDelegationIsStreamedOnce() throws IOException {
        AxfrSource source = source("hmac-sha256:transfer.zz:" + secret);
        List<String> names = new ArrayList<>();
        long t0 = System.nanoTime();
        source.forEach(names::add);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("AXFR of %s: %,d delegated names in %,d ms (spooled, then read)%n", ZONE, names.size(), millis);

        assertThat(names).hasSameSizeAs(delegations);
        assertThat(new HashSet<>(names)).isEqualTo(new HashSet<>(delegations));
    }

    @Test
    void malformedNamesInTheZoneAreCountedByTheFilterNotFatal() throws IOException {
        NameFilter filter = new NameFilter(name -> false);
        AxfrSource.TransferStats stats = source("hmac-sha256:transfer.zz:" + secret)
                .transfer(raw -> filter.accept(raw));
        System.out.printf("AXFR of %s streamed: %,d records, %,d delegations%n", ZONE, stats.records(), stats.delegations());

        assertThat(stats.delegations()).isEqualTo(GOOD_DELEGATIONS + MALFORMED.size());
        assertThat(filter.summary().accepted()).isEqualTo(GOOD_DELEGATIONS);
        assertThat(filter.summary().rejectedTotal()).isEqualTo(MALFORMED.size());
        assertThat(filter.summary().rejectedByReason()).containsKeys(Rejection.BAD_HYPHEN);
    }

    @Test
    void withoutAKeyTheTransferIsRefusedInOneLine() {
        assertThatThrownBy(() -> source(null).forEach(n -> {}))
                .isInstanceOf(IOException.class)
                .satisfies(e -> System.out.println("as the user sees it: " + e.getMessage()))
                .hasMessageStartingWith("AXFR of zz. from " + LISTEN)
                .hasMessageContaining("TSIG key")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aWrongSecretIsATsigRejectionInOneLine() {
        String wrong = Base64.getEncoder().encodeToString("not the secret, but 32 bytes....".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> source("hmac-sha256:transfer.zz:" + wrong).forEach(n -> {}))
                .isInstanceOf(IOException.class)
                .satisfies(e -> System.out.println("as the user sees it: " + e.getMessage()))
                .hasMessageContaining("TSIG key rejected")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnknownKeyNameIsATsigRejectionToo() {
        assertThatThrownBy(() -> source("hmac-sha256:other.zz:" + secret).forEach(n -> {}))
                .isInstanceOf(IOException.class)
                .satisfies(e -> System.out.println("as the user sees it: " + e.getMessage()))
                .hasMessageContaining("TSIG key rejected")
                .hasMessageNotContaining("\n");
    }

    private AxfrSource source(String tsig) {
        return new AxfrSource(primary.address(), Name.fromConstantString(ZONE), tsig == null ? null : TsigSpec.parse(tsig),
                Duration.ofSeconds(20), dir);
    }

    /** A TLD-shaped zone: NS pairs, DS records, in-zone glue, IDNs; returns the delegated names. */
    private static List<String> writeZone(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("""
                    $ORIGIN zz.
                    $TTL 3600
                    @ IN SOA a.nic.zz. hostmaster.nic.zz. 2026112801 3600 900 604800 3600
                    @ IN NS a.nic.zz.
                    a.nic IN A 192.0.2.53
                    """);
            for (int i = 0; i < GOOD_DELEGATIONS; i++) {
                String label = i % 97 == 0 ? java.net.IDN.toASCII("zürich-" + i) : "domain-" + i;
                names.add(label + ".zz");
                if (i % 50 == 0) { // hosts its own name servers: glue
                    w.write(label + " IN NS ns1." + label + ".zz.\n");
                    w.write("ns1." + label + " IN A 192.0.2." + (i % 250 + 1) + "\n");
                } else {
                    w.write(label + " IN NS ns1.hoster" + (i % 40) + ".example.\n");
                    w.write(label + " IN NS ns2.hoster" + (i % 40) + ".example.\n");
                }
                if (i % 3 == 0) {
                    w.write(label + " IN DS 12345 13 2 " + "AB".repeat(32) + "\n");
                }
            }
            for (String bad : MALFORMED) {
                w.write(bad + ". IN NS ns1.hoster0.example.\n");
                names.add(bad);
            }
        }
        return names;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LISTEN))) {
            return s.getLocalPort();
        }
    }
}

package io.mailcensus.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.testbed.mutate.ExpectedChange;
import io.mailcensus.testbed.mutate.Mutation;
import io.mailcensus.testbed.mutate.Mutator;
import io.mailcensus.testbed.mail.SmtpClient;
import io.mailcensus.testbed.server.DnsProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * {@code mutate} on a running testbed with its mail servers: the resolver serves the new DMARC
 * and SPF records (no stale cache), the bogus-DS domains fail validation, the mail servers whose
 * STARTTLS was switched off no longer offer it and those given an expired certificate present it.
 */
class TestbedMutateIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        return TestbedMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    @AfterEach
    void down() {
        run("down", "--dir", dir.toString());
    }

    @Test
    void theServedRecordsAndServersChangeAsTheExpectedChangesSay() throws Exception {
        String d = dir.toString();
        assertThat(run("up", "--dir", d, "--domains", "400", "--seed", "5", "--servers", "yes")).isZero();
        String resolverLine = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("resolver "))
                .findFirst().orElseThrow();
        InetSocketAddress resolver = new InetSocketAddress(resolverLine.substring("resolver ".length()).split(":")[0], 53);
        List<Mutation> planned = Mutator.plan(dir, 9, 0.05, true);
        // warm the resolver's cache with the old answers: mutate must not leave them served
        for (Mutation m : planned) {
            DnsProbe.ask(resolver, "_dmarc." + m.domain(), Type.TXT, true, TIMEOUT);
            DnsProbe.ask(resolver, m.domain(), Type.TXT, true, TIMEOUT);
        }

        assertThat(run("mutate", "--dir", d, "--seed", "9", "--fraction", "0.05")).isZero();
        System.out.print(out.toString(StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("mutated 20 domains");
        List<ExpectedChange> expected = ExpectedChange.read(dir.resolve(ExpectedChange.FILE));
        assertThat(expected).hasSize(24); // 4 each of five kinds, STARTTLS off also loses its certificate
        Map<String, List<ExpectedChange>> byDomain = expected.stream().collect(Collectors.groupingBy(ExpectedChange::domain));

        for (Mutation m : planned) {
            ExpectedChange change = byDomain.get(m.domain()).getFirst();
            switch (m.kind()) {
                case DMARC_POLICY -> assertThat(txt(resolver, "_dmarc." + m.domain())).singleElement().asString()
                        .containsPattern("[; ]p=" + change.after() + "(;|$)");
                case SPF_ALL -> assertThat(txt(resolver, m.domain()).stream().filter(t -> t.startsWith("v=spf1")))
                        .singleElement().asString().endsWith(change.after().equals("fail") ? " -all" : " ~all");
                case DS_BOGUS -> {
                    assertThat(DnsProbe.ask(resolver, m.domain(), Type.SOA, true, TIMEOUT).getRcode()).isEqualTo(Rcode.NOERROR);
                    assertThat(Rcode.string(DnsProbe.askValidated(resolver, m.domain(), Type.SOA, TIMEOUT).getRcode()))
                            .isEqualTo("SERVFAIL");
                }
                case STARTTLS_OFF -> assertThat(ehloEventually(m.server().orElseThrow(), false))
                        .noneMatch(l -> l.contains("STARTTLS"));
                case CERTIFICATE_EXPIRED -> {
                    ehloEventually(m.server().orElseThrow(), true);
                    X509Certificate leaf = leafOf(m.server().orElseThrow());
                    assertThat(leaf.getNotAfter().toInstant()).isBefore(Instant.now());
                }
            }
        }
        // a second mutate never picks a domain changed before
        assertThat(run("mutate", "--dir", d, "--seed", "9", "--fraction", "0.02")).isZero();
        List<String> again = ExpectedChange.read(dir.resolve(ExpectedChange.FILE)).stream().map(ExpectedChange::domain).toList();
        assertThat(again).isNotEmpty().doesNotContainAnyElementsOf(byDomain.keySet());
        assertThat(Files.readAllLines(dir.resolve(Mutator.MUTATED_FILE))).hasSize(20 + again.stream().distinct().toList().size());
    }

    private static List<String> txt(InetSocketAddress resolver, String name) throws Exception {
        Message m = DnsProbe.ask(resolver, name, Type.TXT, true, TIMEOUT);
        return m.getSection(Section.ANSWER).stream().filter(r -> r instanceof TXTRecord)
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).toList();
    }

    /** Postfix's old smtpd processes serve their last client with the old settings: ask until the new ones answer. */
    private static List<String> ehloEventually(String ip, boolean starttls) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(ip), 25))) {
                List<String> ehlo = smtp.ehlo();
                boolean offered = ehlo.stream().anyMatch(l -> l.contains("STARTTLS"));
                if (offered == starttls || System.nanoTime() > deadline) {
                    return ehlo;
                }
            }
            Thread.sleep(500);
        }
    }

    private static X509Certificate leafOf(String ip) throws Exception {
        SSLContext trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(ip), 25))) {
                smtp.ehlo();
                X509Certificate leaf = smtp.startTls(trustAll, "mail.invalid", false)[0];
                if (leaf.getNotAfter().toInstant().isBefore(Instant.now()) || System.nanoTime() > deadline) {
                    return leaf;
                }
            }
            Thread.sleep(500);
        }
    }
}

package io.mailcensus.testbed.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.zone.ServerAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated testbed with {@code --servers}: Postfix answers EHLO and STARTTLS on the MX
 * addresses of the zones, the log counts each connection per address, and nginx serves
 * security.txt over TLS with SNI on the web addresses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class GeneratedServersIT {

    @TempDir
    static Path dir;

    private DnsTestbed testbed;
    private List<ServerAddress> addresses;
    private SSLContext trustingTestbedCa;

    @BeforeAll
    void up() throws Exception {
        testbed = DnsTestbed.start(TestbedOptions.of(dir.resolve("tb"), 300, 11).withServers(true));
        addresses = ServerAddress.read(testbed.zones().layout().serverAddressesFile());
        trustingTestbedCa = trusting(testbed.caFile());
    }

    @AfterAll
    void down() throws IOException {
        if (testbed != null) {
            testbed.close();
        }
    }

    @Test
    void aProviderMxAnswersEhloAndStartTlsWithACertificateForItsName() throws Exception {
        ServerAddress mx = first(ServerAddress.Role.MX_PROVIDER, true);
        int before = testbed.smtpConnections().getOrDefault(mx.ip(), 0);
        try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(mx.ip()), 25))) {
            assertThat(smtp.greeting).startsWith("220 " + mx.hostName());
            assertThat(smtp.ehlo()).anyMatch(l -> l.endsWith("STARTTLS"));
            X509Certificate[] chain = smtp.startTls(trustingTestbedCa, mx.hostName(), true);
            assertThat(chain[0].getSubjectX500Principal().getName()).isEqualTo("CN=" + mx.hostName());
        }
        assertThat(awaitConnections(mx.ip(), before + 1)).isEqualTo(before + 1);
    }

    @Test
    void aSelfHostedMxTalksTlsWithTheIspCertificateWhichFailsItsHostName() throws Exception {
        ServerAddress mx = first(ServerAddress.Role.MX_ISP, true);
        int before = testbed.smtpConnections().getOrDefault(mx.ip(), 0);
        try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(mx.ip()), 25))) {
            assertThat(smtp.ehlo()).anyMatch(l -> l.endsWith("STARTTLS"));
            X509Certificate[] chain = smtp.startTls(trustingTestbedCa, mx.hostName(), false);
            assertThat(chain[0].getSubjectX500Principal().getName())
                    .isEqualTo("CN=" + GeneratedMailServers.ISP_CERTIFICATE_NAME);
        }
        assertThat(awaitConnections(mx.ip(), before + 1)).isEqualTo(before + 1);
    }

    @Test
    void onePoolAddressInTenAnswersEhloWithoutStartTls() throws Exception {
        ServerAddress plain = addresses.stream().filter(a -> a.role() == ServerAddress.Role.MX_ISP && a.listens()
                && GeneratedMailServers.personality(a) == Personality.POSTFIX_NO_STARTTLS).findFirst().orElseThrow();
        try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(plain.ip()), 25))) {
            assertThat(smtp.greeting).startsWith("220 ");
            assertThat(smtp.ehlo()).isNotEmpty().noneMatch(l -> l.toUpperCase(java.util.Locale.ROOT).contains("STARTTLS"));
        }
    }

    @Test
    void aSlowPoolAddressGreetsOnlyAfterItsPause() throws Exception {
        ServerAddress slow = addresses.stream().filter(a -> a.role() == ServerAddress.Role.MX_ISP && a.listens()
                && GeneratedMailServers.personality(a) == Personality.POSTFIX_SLOW_GREETING).findFirst().orElseThrow();
        long start = System.nanoTime();
        try (SmtpClient smtp = new SmtpClient(new InetSocketAddress(InetAddress.ofLiteral(slow.ip()), 25))) {
            long waitedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(smtp.greeting).startsWith("220 ");
            // a lower bound only: the pause is the server's configuration, not a speed claim
            assertThat(waitedMs).isGreaterThanOrEqualTo((Personality.SLOW_GREETING_SECONDS - 1) * 1_000L);
            assertThat(smtp.ehlo()).anyMatch(l -> l.endsWith("STARTTLS"));
        }
    }

    @Test
    void aPoolAddressWithoutListenerRefusesConnections() {
        ServerAddress refused = first(ServerAddress.Role.MX_ISP, false);
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.ofLiteral(refused.ip()), 25), 2_000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    @Test
    void nginxServesSecurityTxtOverTlsForADomainOnItsWebAddress() throws Exception {
        String domain = domainWithSecurityTxt();
        String ip = addressOf(domain);
        String response = get(ip, domain, "/.well-known/security.txt");
        assertThat(response).startsWith("HTTP/1.1 200").contains("Contact: mailto:security@" + domain, "Expires: ");
        assertThat(getUnchecked(ip, "abc-missing." + testbed.zones().tld(), "/.well-known/security.txt")).startsWith("HTTP/1.1 404");
        assertThat(getUnchecked(ip, "d-soft." + testbed.zones().tld(), "/.well-known/security.txt"))
                .startsWith("HTTP/1.1 200").contains("Content-Type: text/html", "<html");
        Instant deadline = Instant.now().plusSeconds(5);
        while (testbed.httpsRequests().getOrDefault(ip, 0) < 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(testbed.httpsRequests()).containsEntry(ip, 3);
    }

    @Test
    void aSiteCertificateNamesTheDomainAndItsWwwAndMtaStsHosts() throws Exception {
        String domain = domainWithSecurityTxt();
        String ip = addressOf(domain);
        // checked for each name: the certificate chosen by SNI must name it
        assertThat(get(ip, domain, "/")).startsWith("HTTP/1.1 200");
        assertThat(get(ip, "www." + domain, "/")).startsWith("HTTP/1.1 200");
        assertThat(get(ip, "mta-sts." + domain, "/")).startsWith("HTTP/1.1 200");
    }

    @Test
    void mtaStsHostsServeAPolicyNamingTheirMxHosts() throws Exception {
        List<String> policies = Files.readAllLines(testbed.zones().layout().mtaStsPoliciesFile());
        // domains starting with p have a policy host their certificate does not name
        String line = policies.stream().filter(l -> l.contains(".mailhost") && !l.startsWith("p")).findFirst().orElseThrow();
        String domain = line.substring(0, line.indexOf('\t'));
        String provider = line.substring(line.indexOf(".mailhost") + 1, line.indexOf(".example") + ".example".length());
        String response = get(addressOf("mta-sts." + domain), "mta-sts." + domain, "/.well-known/mta-sts.txt");
        assertThat(response).startsWith("HTTP/1.1 200").contains("version: STSv1\nmode: testing\n", "mx: *." + provider);
    }

    private ServerAddress first(ServerAddress.Role role, boolean listens) {
        return addresses.stream().filter(a -> a.role() == role && a.listens() == listens).findFirst().orElseThrow();
    }

    /** A domain with an A record whose name does not start with a, b, c (no security.txt) or d (a soft 404). */
    private String domainWithSecurityTxt() throws IOException {
        return Files.readAllLines(testbed.domainsFile()).stream()
                .filter(d -> !d.matches("^[abcd].*") && !d.startsWith("xn--"))
                .filter(d -> {
                    try {
                        return addressOf(d) != null;
                    } catch (IOException e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow();
    }

    /** The A record of {@code name} in its child zone file (absolute owner names, as the generator writes them). */
    private String addressOf(String name) throws IOException {
        String domain = name.startsWith("mta-sts.") ? name.substring("mta-sts.".length()) : name;
        Path zone = testbed.zones().layout().childZone(domain);
        if (!Files.isRegularFile(zone)) {
            return null;
        }
        String prefix = name + ". IN A ";
        return Files.readAllLines(zone).stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse(null);
    }

    private int awaitConnections(String ip, int atLeast) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        int n = testbed.smtpConnections().getOrDefault(ip, 0);
        while (n < atLeast && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
            n = testbed.smtpConnections().getOrDefault(ip, 0);
        }
        return n;
    }

    /** GET over TLS to {@code ip} with SNI and Host {@code host}, the certificate checked for {@code host}. */
    private String get(String ip, String host, String path) throws IOException {
        return get(ip, host, path, true);
    }

    /** Same, without the host-name check (names not in the list get the default certificate). */
    private String getUnchecked(String ip, String host, String path) throws IOException {
        return get(ip, host, path, false);
    }

    private String get(String ip, String host, String path, boolean checkName) throws IOException {
        try (SSLSocket s = (SSLSocket) trustingTestbedCa.getSocketFactory().createSocket()) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            if (checkName) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            s.setSSLParameters(p);
            s.connect(new InetSocketAddress(InetAddress.ofLiteral(ip), 443), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            s.getInputStream().transferTo(body);
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            ks.setCertificateEntry("testbed-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}

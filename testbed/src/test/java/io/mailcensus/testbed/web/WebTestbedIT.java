package io.mailcensus.testbed.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mailcensus.testbed.pki.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real nginx serves what the HTTPS probes fetch, each name with its own certificate (SNI).
 * The client here is the JDK's, trusting only the test CA and checking the host name, connecting
 * to the loopback address itself (no name lookup).
 */
class WebTestbedIT {

    static final TestCa CA = TestCa.create("mailcensus web testbed CA");
    static final InetAddress SITES = address(71);
    static final InetAddress LOGIN = address(72);
    static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n";
    static final String SECURITY_TXT = "Contact: mailto:security@example.test\nExpires: 2099-01-01T00:00:00Z\n";
    static final String OPENID = "{\"token_endpoint\":\"https://login.test/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0/oauth2/token\"}";

    @TempDir
    static Path dir;
    static WebTestbed web;

    record Reply(int status, Map<String, String> headers, String body, X509Certificate peer) {}

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(WebTestbed.nginx().isPresent(), "nginx is not installed (Debian package nginx)");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, SITES)) {
            port = probe.getLocalPort();
        }
        web = WebTestbed.start(dir, port, List.of(
                new WebTestbed.Files("mta-sts.example.test", SITES, CA.issue("mta-sts.example.test"),
                        Map.of("/.well-known/mta-sts.txt", WebTestbed.Document.text(POLICY))),
                new WebTestbed.Files("example.test", SITES, CA.issue("example.test"),
                        Map.of("/.well-known/security.txt", new WebTestbed.Document("text/plain; charset=utf-8", SECURITY_TXT))),
                new WebTestbed.SoftNotFound("soft404.test", SITES, CA.issue("soft404.test")),
                new WebTestbed.Redirect("moved.test", SITES, CA.issue("moved.test"), "https://example.test:" + port),
                new WebTestbed.Files("login.test", LOGIN, CA.issue("login.test"),
                        Map.of("/example.test/.well-known/openid-configuration", WebTestbed.Document.json(OPENID)))));
    }

    @AfterAll
    static void stop() throws IOException {
        if (web != null) {
            web.close();
            assertThat(web.alive()).isFalse();
        }
    }

    @Test
    void servesTheMtaStsPolicyAsTextPlainUnderItsOwnName() throws Exception {
        Reply r = get(SITES, "mta-sts.example.test", "/.well-known/mta-sts.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("text/plain");
        assertThat(r.body()).isEqualTo(POLICY);
        assertThat(r.peer().getSubjectX500Principal().getName()).isEqualTo("CN=mta-sts.example.test");
    }

    @Test
    void servesSecurityTxtAndA404ForOtherPaths() throws Exception {
        Reply r = get(SITES, "example.test", "/.well-known/security.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo(SECURITY_TXT);
        assertThat(r.peer().getSubjectX500Principal().getName()).isEqualTo("CN=example.test");
        assertThat(get(SITES, "example.test", "/security.txt").status()).isEqualTo(404);
    }

    @Test
    void theSoft404HostAnswersEveryPathWithAnHtmlPage() throws Exception {
        Reply r = get(SITES, "soft404.test", "/.well-known/security.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("text/html");
        assertThat(r.body()).startsWith("<!DOCTYPE html>");
    }

    @Test
    void theRedirectingHostKeepsThePath() throws Exception {
        Reply r = get(SITES, "moved.test", "/.well-known/security.txt");
        assertThat(r.status()).isEqualTo(301);
        assertThat(r.headers().get("location"))
                .isEqualTo("https://example.test:" + web.port() + "/.well-known/security.txt");
    }

    @Test
    void servesTheOpenIdDocumentOnItsOwnAddress() throws Exception {
        Reply r = get(LOGIN, "login.test", "/example.test/.well-known/openid-configuration");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("content-type")).isEqualTo("application/json");
        assertThat(r.body()).isEqualTo(OPENID);
    }

    /** GET over TLS to {@code address}, with SNI and host-name verification for {@code host}. */
    static Reply get(InetAddress address, String host, String path) throws Exception {
        try (SSLSocket socket = (SSLSocket) CA.sslContext().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(address, web.port()), 5000);
            socket.setSoTimeout(5000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            // With endpoint identification on, the handshake checks the name against the SNI host.
            X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + web.port()
                    + "\r\nUser-Agent: mailcensus-it\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(readAll(socket.getInputStream()), peer);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0 && bytes.size() < 1_000_000) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Reply parse(String raw, X509Certificate peer) {
        int end = raw.indexOf("\r\n\r\n");
        String[] head = raw.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).trim());
        }
        return new Reply(Integer.parseInt(head[0].split(" ")[1]), headers, raw.substring(end + 4), peer);
    }

    private static InetAddress address(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.aggregator.StoreWriter;
import io.mailcensus.coordinator.Tasks;
import io.mailcensus.core.metrics.Metrics;
import io.mailcensus.core.name.DomainNames;
import io.mailcensus.core.name.NameResult;
import io.mailcensus.core.port.ResultStore;
import io.mailcensus.core.queue.InProcessQueue;
import io.mailcensus.core.queue.InProcessWorkQueue;
import io.mailcensus.launcher.local.ScanBook;
import io.mailcensus.report.Coverage;
import io.mailcensus.report.Metric;
import io.mailcensus.report.ReportBuilder;
import io.mailcensus.schemas.MxProbeTask;
import io.mailcensus.schemas.WebProbeTask;
import io.mailcensus.store.ChdbStore;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.mail.MailServerSpec;
import io.mailcensus.testbed.mail.MailTestbed;
import io.mailcensus.testbed.mail.Personality;
import io.mailcensus.testbed.pki.Leaf;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.zone.ExtraDomain;
import io.mailcensus.worker.assembly.Worker;
import io.mailcensus.worker.assembly.WorkerSettings;
import io.mailcensus.worker.https.WebProbeSettings;
import io.mailcensus.worker.https.WebSetup;
import io.mailcensus.worker.loop.ScanCounters;
import io.mailcensus.worker.mailserver.MailServerLoop;
import io.mailcensus.worker.webstage.WebLoop;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Issue 16's done-when: a domain's DNS and SMTP results are in the store before its web probes
 * finish. The domain's web server (a real HTTPS server on loopback) holds every request 60 s;
 * its mail server is a real Postfix. The single-machine worker assembly (the one {@code scan}
 * runs) writes into the embedded store; while the web server still holds the request, the
 * domain's row and its mail server's row are read back from the store, and the report shows
 * security.txt as partial with the domain unknown. When the web server answers, the domain's row
 * is replaced by one with security.txt, and the report's figure is measured.
 */
class WebProbesDoNotHoldBackResultsIT {

    private static final String SCAN = "held-1";
    private static final String HELD = "held.test";
    private static final String PLAIN = "plain.test";
    private static final String WEB_IP = "127.80.254.7";
    private static final String MAIL_IP = "127.26.9.1";
    private static final Duration HOLD = Duration.ofSeconds(60);
    private static final String SECURITY_TXT = "Contact: mailto:security@held.test\nExpires: 2099-01-01T00:00:00.000Z\n";

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void dnsAndMailServerResultsAreStoredWhileTheWebServerHoldsTheRequest() throws Exception {
        Path dir = Files.createTempDirectory("mailcensus-held-web-it");
        TestCa ca = TestCa.create("mailcensus test CA");
        Path caFile = ca.writeCa(dir);
        MailTestbed mail = MailTestbed.start(dir.resolve("mail"), ca,
                List.of(MailServerSpec.of(MAIL_IP, "mx." + HELD, Personality.POSTFIX_STARTTLS)));
        open.add(mail);
        DnsTestbed dns = DnsTestbed.start(TestbedOptions.of(dir.resolve("dns"), 3, 11L).withExtraDomains(List.of(
                new ExtraDomain(HELD, List.of("@ IN A " + WEB_IP, "@ IN MX 10 mx", "mx IN A " + MAIL_IP), false),
                // no web address: its security.txt is decided (absent) at once, so the figure has a base of two
                new ExtraDomain(PLAIN, List.of("@ IN MX 10 mx." + HELD + "."), false))));
        open.add(dns);
        Leaf leaf = ca.issue(HELD);
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf.certificate()));
        leaf.chain().stream().filter(c -> !c.equals(leaf.certificate())).forEach(chain::add);
        HoldingWebServer web = new HoldingWebServer(InetAddress.ofLiteral(WEB_IP), 443,
                SslContextBuilder.forServer(leaf.key(), chain.toArray(X509Certificate[]::new)).build(), HOLD,
                "/.well-known/security.txt", SECURITY_TXT);
        open.add(web);

        ResultStore store = ChdbStore.open(dir.resolve("store"));
        open.add(store);
        store.migrate();
        new ScanBook(store, SCAN).save(Instant.now(), null, "running", "test", 2, 0, 0);
        StoreWriter writer = new StoreWriter(store, ResultStore.BATCH_ROWS, Duration.ofMillis(200));
        open.add(writer);
        InProcessWorkQueue tasks = new InProcessWorkQueue(16);
        InProcessQueue<MxProbeTask> mxTasks = InProcessQueue.unbounded();
        InProcessQueue<WebProbeTask> webTasks = InProcessQueue.unbounded();
        Worker worker = new Worker(settings(dns, caFile), writer, mxTasks, webTasks, Clock.systemUTC(),
                new ScanCounters(), Metrics.none());
        open.add(worker);
        MailServerLoop mailLoop = worker.mailServerLoop(mxTasks);
        WebLoop webLoop = worker.webLoop(webTasks);
        Thread mxThread = Thread.ofPlatform().name("mx-tasks").start(mailLoop::run);
        Thread webThread = Thread.ofPlatform().name("web-tasks").start(webLoop::run);
        for (String domain : List.of(HELD, PLAIN)) {
            tasks.submit(Tasks.scanTask(SCAN, name(domain), Instant.now()));
        }
        tasks.finish();

        worker.scanLoop(tasks).run(); // returns once both domains' DNS rows are published
        mxTasks.finish();
        webTasks.finish();
        mxThread.join();
        webThread.join();
        assertThat(worker.mailServers().awaitIdle(2, TimeUnit.MINUTES)).isTrue();
        assertThat(web.firstRequest.await(1, TimeUnit.MINUTES)).as("the web probe reached the server").isTrue();
        writer.flush();

        // The web server holds the request still: nothing has been answered.
        assertThat(web.answered.get()).isZero();
        JsonNode domain = single(store, "SELECT mx_status, security_txt_status, web_pending FROM domain_results FINAL"
                + " WHERE scan_id = '" + SCAN + "' AND domain = '" + HELD + "'");
        assertThat(domain.get("mx_status").asText()).isEqualTo("present");
        assertThat(domain.get("security_txt_status").asText()).isEqualTo("not_checked");
        assertThat(domain.get("web_pending").asBoolean()).isTrue();
        JsonNode server = single(store, "SELECT connect, starttls FROM mail_server_results FINAL"
                + " WHERE scan_id = '" + SCAN + "' AND host = 'mx." + HELD + "'");
        assertThat(server.get("connect").asText()).isEqualTo("ok");
        assertThat(server.get("starttls").asText()).isEqualTo("accepted");
        Metric pending = new ReportBuilder(store).build(SCAN).metrics().get("security_txt.valid");
        assertThat(web.answered.get()).as("still held while the report was read").isZero();
        assertThat(pending.coverage()).isEqualTo(Coverage.PARTIAL);
        assertThat(pending.unknown()).isEqualTo(1);
        assertThat(pending.count()).isZero();

        // The web server answers after its hold; the domain's row is replaced by the one with security.txt.
        assertThat(worker.webServers().awaitIdle(3, TimeUnit.MINUTES)).isTrue();
        writer.flush();
        assertThat(web.answered.get()).isPositive();
        JsonNode done = single(store, "SELECT mx_status, security_txt_status, web_pending FROM domain_results FINAL"
                + " WHERE scan_id = '" + SCAN + "' AND domain = '" + HELD + "'");
        assertThat(done.get("security_txt_status").asText()).isEqualTo("valid");
        assertThat(done.get("mx_status").asText()).isEqualTo("present");
        assertThat(done.get("web_pending").asBoolean()).isFalse();
        assertThat(single(store, "SELECT count() AS rows FROM domain_results WHERE scan_id = '" + SCAN
                + "' AND domain = '" + HELD + "'").get("rows").asInt()).as("the DNS row and the web row").isEqualTo(2);
        Metric landed = new ReportBuilder(store).build(SCAN).metrics().get("security_txt.valid");
        assertThat(landed.coverage()).isEqualTo(Coverage.MEASURED);
        assertThat(landed.count()).isEqualTo(1);
    }

    /** What {@code scan} would run with these options; the HTTPS deadline outlasts the hold. */
    private static WorkerSettings settings(DnsTestbed dns, Path caFile) {
        ScanCommand scan = new ScanCommand();
        String resolver = dns.resolver().getAddress().getHostAddress() + ":" + dns.resolver().getPort();
        new CommandLine(scan).parseArgs("-", "--resolver", resolver, "--timeout", "2s", "--retries", "1",
                "--trust-anchor", dns.trustAnchorFile().toString(), "--opt-out", dns.optOutFile().toString(),
                "--trust-store", caFile.toString(), "--ehlo", "scanner.mailcensus.test", "--smtp-timeout", "5s",
                "--allow-address", "127.0.0.0/8");
        WebSetup web = scan.mail.web();
        WebProbeSettings p = web.probes();
        WebProbeSettings patient = new WebProbeSettings(
                p.https().withTimeouts(Duration.ofSeconds(5), HOLD.plusSeconds(30)), p.mtaStsMaxBytes(),
                p.securityTxtMaxBytes(), p.openIdMaxBytes(), p.securityTxtMaxRedirects(), p.m365ForAll(), p.m365Host());
        return new WorkerSettings(scan.probe.settings(), scan.mail.settings(System.err),
                new WebSetup(true, patient, web.politeness(), web.backlog()), scan.probe.concurrency);
    }

    private static io.mailcensus.core.name.DomainName name(String domain) {
        return ((NameResult.Accepted) DomainNames.normalize(domain)).name();
    }

    private static JsonNode single(ResultStore store, String sql) throws IOException {
        String out = store.query(sql, "JSONEachRow").strip();
        assertThat(out.lines()).as(sql).hasSize(1);
        return new ObjectMapper().readTree(out);
    }
}

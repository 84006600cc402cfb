package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailcensus.testbed.DnsTestbed;
import io.mailcensus.testbed.TestbedOptions;
import io.mailcensus.testbed.mail.MailServerSpec;
import io.mailcensus.testbed.mail.MailTestbed;
import io.mailcensus.testbed.mail.Personality;
import io.mailcensus.testbed.pki.TestCa;
import io.mailcensus.testbed.web.WebTestbed;
import io.mailcensus.testbed.zone.ExtraDomain;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 4's acceptance test: real Postfix and Exim servers with different personalities on
 * 127.26.0.x, TLSA records for some of them in signed and unsigned test zones, and a scan of
 * those domains plus 1,000 domains sharing one MX. Every server's STARTTLS, certificate, DANE
 * and software result must be right, and the servers' own logs must show one connection per
 * (MX host, IP) pair: the shared MX once, the address behind four host names four times (this
 * scan runs with {@code --smtp-every-name}). A second scan, at defaults, of a domain with four
 * more MX names on the shared MX's address shows the names sharing that address's answer: two
 * connections (two SNI names, one certificate), four rows; and of a domain whose three MX names
 * are on an Exim that shows each name a certificate of its own (SNI): three connections.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailServersOfTestbedIT {

    private static final int SHARING = 1_000;
    private static final String TLD = "test";

    /** The address behind several MX host names (and mx.plain.test): the rate limit applies to it. */
    private static final String MULTI_IP = "127.26.0.5";
    private static final List<String> MULTI_NAMES = List.of("a.multi.test", "b.multi.test", "c.multi.test", "d.multi.test");
    private static final String SHARED_IP = "127.26.0.8";
    private static final String WEB_IP = "127.26.1.1";
    /** Four more MX names on SHARED_IP, scanned only by the second scan (at defaults). */
    private static final List<String> NAMES_ON_SHARED = List.of("a.names.test", "b.names.test", "c.names.test",
            "d.names.test");
    /** An Exim that chooses its certificate by SNI, with three MX names; scanned by the second scan only. */
    private static final String SNI_IP = "127.26.0.9";
    private static final List<String> SNI_NAMES = List.of("a.sni.test", "b.sni.test", "c.sni.test");
    private static final int SMTP_RATE = 30; // per minute: 2 s between connections to one IP

    private Path dir;
    private DnsTestbed dns;
    private MailTestbed mail;
    private WebTestbed web;
    private Path data;
    private String scanOutput;
    private Map<String, JsonNode> servers;
    private int sharedConnectionsAfterFirstScan;
    private int sharedConnectionsAfterSecondScan;
    private List<JsonNode> reuseRows;
    private List<JsonNode> sniRows;
    private String reuseOutput;

    @BeforeAll
    void scan() throws Exception {
        dir = Files.createTempDirectory("mailcensus-mail-it");
        TestCa ca = TestCa.create("mailcensus test CA");
        mail = MailTestbed.start(dir.resolve("mail"), ca, List.of(
                MailServerSpec.of("127.26.0.1", "mx.tls-ok.test", Personality.POSTFIX_STARTTLS),
                MailServerSpec.of("127.26.0.2", "mx.tls-expired.test", Personality.POSTFIX_EXPIRED_CERT),
                MailServerSpec.of("127.26.0.3", "mx.tls-wrongname.test", Personality.POSTFIX_WRONG_NAME_CERT),
                MailServerSpec.of("127.26.0.4", "mx.tls-selfsigned.test", Personality.POSTFIX_SELF_SIGNED),
                MailServerSpec.of(MULTI_IP, "mx.plain.test", Personality.POSTFIX_NO_STARTTLS),
                MailServerSpec.of("127.26.0.6", "mx.exim.test", Personality.EXIM_STARTTLS),
                MailServerSpec.of("127.26.0.7", "mx.refused.test", Personality.REFUSES_CONNECTIONS),
                MailServerSpec.of(SHARED_IP, "mx.shared-hub.test", Personality.POSTFIX_STARTTLS),
                MailServerSpec.of(SNI_IP, "mx.sni-default.test", Personality.EXIM_STARTTLS)
                        .withSniNames(SNI_NAMES.toArray(String[]::new))));

        // HTTPS on one address for every name (SNI): MTA-STS policies and security.txt files
        InetAddress site = InetAddress.ofLiteral(WEB_IP);
        web = WebTestbed.start(dir.resolve("web"), 443, List.of(
                policy(ca, site, "tls-ok", "mx.tls-ok.test"),
                policy(ca, site, "tls-expired", "mx.tls-expired.test"),
                policy(ca, site, "plain", "mx.elsewhere.test"),
                new WebTestbed.Files("tls-ok.test", site, ca.issue("tls-ok.test"), Map.of("/.well-known/security.txt",
                        WebTestbed.Document.text("Contact: mailto:security@tls-ok.test\nExpires: 2099-01-01T00:00:00Z\n"))),
                new WebTestbed.SoftNotFound("exim.test", site, ca.issue("exim.test"))));

        List<ExtraDomain> extras = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        // signed: TLSA answers are DNSSEC-secure, so DANE applies
        extras.add(withWeb(mailDomain("tls-ok", "127.26.0.1", "3 1 1 " + leafTlsa("127.26.0.1"), true), true, true));
        extras.add(withWeb(mailDomain("tls-expired", "127.26.0.2", "3 1 1 " + leafTlsa("127.26.0.2"), true), true, false));
        extras.add(mailDomain("tls-wrongname", "127.26.0.3", "3 1 1 " + "00".repeat(32), true));
        // unsigned: the TLSA record is insecure, DANE does not apply
        extras.add(mailDomain("tls-selfsigned", "127.26.0.4", "3 1 1 " + leafTlsa("127.26.0.4"), false));
        extras.add(withWeb(mailDomain("plain", MULTI_IP, null, false), true, false));
        extras.add(withWeb(mailDomain("exim", "127.26.0.6", "2 1 1 " + ca.tlsa211Hex(), true), false, true));
        extras.add(mailDomain("refused", "127.26.0.7", null, false));
        List<String> multi = new ArrayList<>();
        for (int i = 0; i < MULTI_NAMES.size(); i++) {
            String label = MULTI_NAMES.get(i).substring(0, 1);
            multi.add("@ IN MX " + (10 * (i + 1)) + " " + label);
            multi.add(label + " IN A " + MULTI_IP);
        }
        extras.add(new ExtraDomain("multi.test", multi, false));
        extras.add(new ExtraDomain("shared-hub.test", List.of("mx IN A " + SHARED_IP), false));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < NAMES_ON_SHARED.size(); i++) {
            String label = NAMES_ON_SHARED.get(i).substring(0, 1);
            names.add("@ IN MX " + (10 * (i + 1)) + " " + label);
            names.add(label + " IN A " + SHARED_IP);
        }
        ExtraDomain namesOnShared = new ExtraDomain("names.test", names, false);
        List<String> sniRecords = new ArrayList<>();
        for (int i = 0; i < SNI_NAMES.size(); i++) {
            String label = SNI_NAMES.get(i).substring(0, 1);
            sniRecords.add("@ IN MX " + (10 * (i + 1)) + " " + label);
            sniRecords.add(label + " IN A " + SNI_IP);
        }
        ExtraDomain sniDomain = new ExtraDomain("sni.test", sniRecords, false);
        for (ExtraDomain e : extras) {
            scanned.add(e.name());
        }
        for (int i = 0; i < SHARING; i++) {
            String name = "shared-" + i + ".test";
            extras.add(new ExtraDomain(name, List.of("@ IN MX 10 mx.shared-hub.test."), false));
            scanned.add(name);
        }
        extras.add(namesOnShared); // in the zone, not in the first scan's list
        extras.add(sniDomain);
        dns = DnsTestbed.start(TestbedOptions.of(dir.resolve("dns"), 20, 4L).withExtraDomains(extras));
        Path list = dir.resolve("domains.txt");
        Files.write(list, scanned);

        data = dir.resolve("store");
        String resolver = dns.resolver().getAddress().getHostAddress() + ":" + dns.resolver().getPort();
        CommandRun result = CommandRun.of("scan", list.toString(), "--data", data.toString(), "--scan-id", "mail-1",
                "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1", "--progress", "line",
                "--trust-anchor", dns.trustAnchorFile().toString(), "--opt-out", dns.optOutFile().toString(),
                "--trust-store", mail.caFile().toString(), "--ehlo", "scanner.mailcensus.test",
                "--smtp-rate", Integer.toString(SMTP_RATE), "--smtp-timeout", "5s", "--smtp-every-name");
        scanOutput = result.out() + result.err();
        assertThat(result.code()).as(scanOutput).isZero();
        // the servers write their logs asynchronously: let the last connections reach them
        mail.awaitConnections(MULTI_IP, 5, java.time.Duration.ofSeconds(10));
        servers = new HashMap<>();
        for (JsonNode row : sql("SELECT * FROM mail_server_results FINAL WHERE scan_id = 'mail-1'")) {
            servers.put(row.get("host").asText() + " " + row.get("ip").asText(), row);
        }
        sharedConnectionsAfterFirstScan = mail.connectionsTo(SHARED_IP);

        // the second scan, at defaults (names share an address's answer), in a store of its own
        Path namesList = dir.resolve("names.txt");
        Files.write(namesList, List.of(namesOnShared.name(), sniDomain.name()));
        Path reuseData = dir.resolve("store-reuse");
        CommandRun reuse = CommandRun.of("scan", namesList.toString(), "--data", reuseData.toString(), "--scan-id",
                "mail-2", "--resolver", resolver, "--allow-address", "127.0.0.0/8", "--timeout", "2s", "--retries", "1",
                "--progress", "line", "--trust-anchor", dns.trustAnchorFile().toString(), "--opt-out",
                dns.optOutFile().toString(), "--trust-store", mail.caFile().toString(), "--ehlo",
                "scanner.mailcensus.test", "--smtp-rate", Integer.toString(SMTP_RATE), "--smtp-timeout", "5s",
                "--no-http");
        reuseOutput = reuse.out() + reuse.err();
        assertThat(reuse.code()).as(reuseOutput).isZero();
        mail.awaitConnections(SHARED_IP, sharedConnectionsAfterFirstScan + 2, java.time.Duration.ofSeconds(10));
        Thread.sleep(1_000); // a third connection, if there were one, would be logged by now
        sharedConnectionsAfterSecondScan = mail.connectionsTo(SHARED_IP);
        reuseRows = sql(reuseData, "SELECT host, connect, starttls, tls, pkix_valid, hostname_match, answer_of"
                + " FROM mail_server_results FINAL WHERE scan_id = 'mail-2' AND ip = '" + SHARED_IP + "' ORDER BY host");
        sniRows = sql(reuseData, "SELECT host, tls, hostname_match, answer_of, chain[1].sans AS sans"
                + " FROM mail_server_results FINAL WHERE scan_id = 'mail-2' AND ip = '" + SNI_IP + "' ORDER BY host");
    }

    private static WebTestbed.Files policy(TestCa ca, InetAddress site, String label, String mx) {
        String name = "mta-sts." + label + ".test";
        return new WebTestbed.Files(name, site, ca.issue(name), Map.of("/.well-known/mta-sts.txt",
                WebTestbed.Document.text("version: STSv1\r\nmode: enforce\r\nmx: " + mx + "\r\nmax_age: 86400\r\n")));
    }

    /** The domain with an {@code _mta-sts} record and its policy host, and/or an address for its security.txt. */
    private static ExtraDomain withWeb(ExtraDomain domain, boolean mtaSts, boolean apex) {
        List<String> records = new ArrayList<>(domain.records());
        if (mtaSts) {
            records.add("_mta-sts IN TXT \"v=STSv1; id=20261128\"");
            records.add("mta-sts IN A " + WEB_IP);
        }
        if (apex) {
            records.add("@ IN A " + WEB_IP);
        }
        return new ExtraDomain(domain.name(), records, domain.signed());
    }

    private String leafTlsa(String ip) {
        return mail.leaf(ip).orElseThrow().tlsa311Hex();
    }

    /** {@code <label>.test} with MX {@code mx.<label>.test} at {@code ip}, and a TLSA record for it if given. */
    private static ExtraDomain mailDomain(String label, String ip, String tlsa, boolean signed) {
        List<String> records = new ArrayList<>(List.of("@ IN MX 10 mx", "mx IN A " + ip));
        if (tlsa != null) {
            records.add("_25._tcp.mx IN TLSA " + tlsa);
        }
        return new ExtraDomain(label + ".test", records, signed);
    }

    @AfterAll
    void stop() throws Exception {
        if (web != null) {
            web.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private JsonNode server(String host, String ip) {
        JsonNode row = servers.get(host + " " + ip);
        assertThat(row).as("a result for " + host + " " + ip + " in " + servers.keySet()).isNotNull();
        return row;
    }

    @Test
    void aValidCertificateWithMatchingSecureTlsaIsPkixAndDaneValid() {
        JsonNode s = server("mx.tls-ok.test", "127.26.0.1");
        assertThat(s.get("connect").asText()).isEqualTo("ok");
        assertThat(s.get("software").asText()).isEqualTo("postfix");
        assertThat(s.get("starttls").asText()).isEqualTo("accepted");
        assertThat(s.get("tls").asText()).isEqualTo("ok");
        assertThat(s.get("tls_protocol").asText()).startsWith("TLSv1.");
        assertThat(s.get("pkix_valid").asBoolean()).isTrue();
        assertThat(s.get("hostname_match").asBoolean()).isTrue();
        assertThat(s.get("expired").asBoolean()).isFalse();
        assertThat(s.get("tlsa_status").asText()).isEqualTo("present");
        assertThat(s.get("tlsa_dnssec").asText()).isEqualTo("secure");
        assertThat(s.get("dane_valid").asBoolean()).isTrue();
        assertThat(s.get("chain").get(0).get("issuer").asText()).contains("mailcensus test CA");
    }

    @Test
    void anExpiredCertificateFailsPkixButDaneEeIgnoresExpiry() {
        JsonNode s = server("mx.tls-expired.test", "127.26.0.2");
        assertThat(s.get("tls").asText()).isEqualTo("ok");
        assertThat(s.get("pkix_valid").asBoolean()).isFalse();
        assertThat(s.get("expired").asBoolean()).isTrue();
        assertThat(s.get("hostname_match").asBoolean()).isTrue();
        assertThat(s.get("dane_valid").asBoolean()).isTrue();
    }

    @Test
    void aCertificateForAnotherNameDoesNotMatchAndAWrongTlsaFailsDane() {
        JsonNode s = server("mx.tls-wrongname.test", "127.26.0.3");
        assertThat(s.get("pkix_valid").asBoolean()).isTrue();
        assertThat(s.get("hostname_match").asBoolean()).isFalse();
        assertThat(s.get("tlsa_dnssec").asText()).isEqualTo("secure");
        assertThat(s.get("dane_valid").asBoolean()).isFalse();
    }

    @Test
    void aSelfSignedCertificateIsNotPkixValidAndInsecureTlsaDoesNotCount() {
        JsonNode s = server("mx.tls-selfsigned.test", "127.26.0.4");
        assertThat(s.get("tls").asText()).isEqualTo("ok");
        assertThat(s.get("pkix_valid").asBoolean()).isFalse();
        assertThat(s.get("hostname_match").asBoolean()).isTrue();
        assertThat(s.get("tlsa_status").asText()).isEqualTo("present");
        assertThat(s.get("tlsa_dnssec").asText()).isEqualTo("insecure");
        assertThat(s.get("dane_valid").isNull()).isTrue();
    }

    @Test
    void aServerWithoutStarttlsIsRecordedAsSuch() {
        JsonNode s = server("mx.plain.test", MULTI_IP);
        assertThat(s.get("connect").asText()).isEqualTo("ok");
        assertThat(s.get("software").asText()).isEqualTo("postfix");
        assertThat(s.get("starttls").asText()).isEqualTo("not_offered");
        assertThat(s.get("tls").asText()).isEqualTo("not_attempted");
        assertThat(s.get("tlsa_status").asText()).isEqualTo("absent");
    }

    @Test
    void eximIsRecognisedAndDaneTaMatchesTheTestCa() {
        JsonNode s = server("mx.exim.test", "127.26.0.6");
        assertThat(s.get("software").asText()).isEqualTo("exim");
        assertThat(s.get("starttls").asText()).isEqualTo("accepted");
        assertThat(s.get("pkix_valid").asBoolean()).isTrue();
        assertThat(s.get("dane_valid").asBoolean()).isTrue();
    }

    @Test
    void aRefusedConnectionIsRecorded() {
        assertThat(server("mx.refused.test", "127.26.0.7").get("connect").asText()).isEqualTo("refused");
    }

    @Test
    void aThousandDomainsSharingOneMxCauseOneConnectionCountedByTheServer() {
        assertThat(sharedConnectionsAfterFirstScan).as("connections in the shared server's own log").isEqualTo(1);
        assertThat(servers.keySet()).filteredOn(k -> k.startsWith("mx.shared-hub.test ")).hasSize(1);
        assertThat(sql("SELECT count() AS n FROM domain_results FINAL WHERE scan_id = 'mail-1' AND "
                + "has(arrayMap(h -> h.name, mx_hosts), 'mx.shared-hub.test')").getFirst().get("n").asLong())
                .isEqualTo(SHARING);
    }

    @Test
    void byDefaultFourNamesOnAnAddressThatShowsTwoNamesOneCertificateCostTwoConnections() {
        assertThat(sharedConnectionsAfterSecondScan - sharedConnectionsAfterFirstScan).as(reuseOutput).isEqualTo(2);
        assertThat(reuseRows).extracting(r -> r.get("host").asText()).containsExactlyElementsOf(NAMES_ON_SHARED);
        for (JsonNode row : reuseRows) {
            assertThat(row.get("connect").asText()).isEqualTo("ok");
            assertThat(row.get("tls").asText()).isEqualTo("ok");
            assertThat(row.get("pkix_valid").asBoolean()).isTrue();
            assertThat(row.get("hostname_match").asBoolean()).as("the certificate names mx.shared-hub.test").isFalse();
        }
        assertThat(reuseRows).filteredOn(r -> r.get("answer_of").isNull()).hasSize(2);
        assertThat(reuseRows).filteredOn(r -> !r.get("answer_of").isNull())
                .extracting(r -> r.get("answer_of").asText()).containsOnly("a.names.test");
        assertThat(reuseOutput).contains("2 pairs answered by another host name's connection to the same address");
    }

    @Test
    void aServerThatChoosesItsCertificateBySniGetsAConnectionForEachName() throws Exception {
        assertThat(mail.awaitConnections(SNI_IP, 3, java.time.Duration.ofSeconds(10))).as(reuseOutput).isEqualTo(3);
        assertThat(sniRows).extracting(r -> r.get("host").asText()).containsExactlyElementsOf(SNI_NAMES);
        for (JsonNode row : sniRows) {
            assertThat(row.get("tls").asText()).isEqualTo("ok");
            assertThat(row.get("answer_of").isNull()).as(row.toString()).isTrue();
            assertThat(row.get("hostname_match").asBoolean()).as(row.toString()).isTrue();
            assertThat(row.get("sans").toString()).contains(row.get("host").asText());
        }
    }

    @Test
    void eachHostNameOnOneAddressIsOneConnectionAndEveryPairIsProbedOnce() {
        assertThat(mail.connectionsTo(MULTI_IP)).as("a,b,c,d.multi.test and mx.plain.test").isEqualTo(5);
        for (MailServerSpec spec : mail.servers()) {
            if (spec.address().equals(SNI_IP)) {
                continue; // scanned by the second scan only
            }
            if (spec.address().equals(SHARED_IP)) {
                assertThat(sharedConnectionsAfterFirstScan).as(spec.mxHostName()).isEqualTo(1); // the second scan adds 2
            } else if (spec.personality() != Personality.REFUSES_CONNECTIONS && !spec.address().equals(MULTI_IP)) {
                assertThat(mail.connectionsTo(spec.address())).as(spec.mxHostName()).isEqualTo(1);
            }
        }
        for (String name : MULTI_NAMES) {
            assertThat(server(name, MULTI_IP).get("starttls").asText()).isEqualTo("not_offered");
        }
        assertThat(scanOutput).contains("mail servers: 12 (host, IP) pairs probed");
    }

    @Test
    void connectionsToOneAddressAreSpacedByTheRateLimitInTheServersLog() throws Exception {
        // Postfix logs "Nov 28 16:44:13 mx1 postfix/<ip>/smtpd[pid]: connect from ..." (whole seconds)
        Path log = mail.workDir().resolve("postfix").resolve("maillog");
        List<Integer> seconds = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.contains(" postfix/" + MULTI_IP + "/smtpd[") && line.contains("]: connect from ")) {
                String[] hms = line.substring(7, 15).split(":");
                seconds.add(Integer.parseInt(hms[0]) * 3600 + Integer.parseInt(hms[1]) * 60 + Integer.parseInt(hms[2]));
            }
        }
        List<Integer> scan = seconds.subList(seconds.size() - 5, seconds.size());
        int gap = 60 / SMTP_RATE;
        for (int i = 1; i < scan.size(); i++) {
            // whole-second stamps: a true gap of 2 s shows as at least 1 s
            assertThat(Math.floorMod(scan.get(i) - scan.get(i - 1), 86_400)).as("gap " + i + " in " + scan)
                    .isGreaterThanOrEqualTo(gap - 1);
        }
        assertThat(Math.floorMod(scan.getLast() - scan.getFirst(), 86_400)).as(scan.toString())
                .isGreaterThanOrEqualTo(4 * gap - 1);
    }

    @Test
    void theReportRollsUpStarttlsAndDanePerDomain() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "mail-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        // TLS on every MX host: tls-ok, tls-expired, tls-wrongname, tls-selfsigned, exim and the 1,000 sharing one
        assertThat(findMetric(json, "starttls.all")).isEqualTo(5 + SHARING);
        // reached, no STARTTLS: plain and multi; refused.test was never reached, so it is in no bucket
        assertThat(findMetric(json, "starttls.none")).isEqualTo(2);
        // TLSA on tls-ok, tls-expired, tls-wrongname, tls-selfsigned (insecure) and exim
        assertThat(findMetric(json, "dane.present")).isEqualTo(5);
        // secure TLSA that matches: tls-ok, tls-expired (DANE-EE ignores expiry) and exim (DANE-TA)
        assertThat(findMetric(json, "dane.valid")).isEqualTo(3);
    }

    private JsonNode domain(String name) {
        List<JsonNode> rows = sql("SELECT * FROM domain_results FINAL WHERE scan_id = 'mail-1' AND domain = '" + name + "'");
        assertThat(rows).as(name).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void anEnforcedPolicyMatchingEveryMxIsFetchedAndParsed() {
        JsonNode d = domain("tls-ok.test");
        assertThat(d.get("mta_sts_status").asText()).isEqualTo("present");
        assertThat(d.get("mta_sts_policy_status").asText()).isEqualTo("present");
        assertThat(d.get("mta_sts_mode").asText()).isEqualTo("enforce");
        assertThat(d.get("mta_sts_mx_match").asBoolean()).isTrue();
        assertThat(d.get("mta_sts_max_age").asLong()).isEqualTo(86400);
    }

    @Test
    void aPolicyNamingAnotherMxDoesNotMatch() {
        JsonNode d = domain("plain.test");
        assertThat(d.get("mta_sts_policy_status").asText()).isEqualTo("present");
        assertThat(d.get("mta_sts_mx_match").asBoolean()).isFalse();
    }

    @Test
    void securityTxtIsValidWhereServedAndASoft404IsNot() {
        assertThat(domain("tls-ok.test").get("security_txt_status").asText()).isEqualTo("valid");
        assertThat(domain("exim.test").get("security_txt_status").asText()).isEqualTo("present_invalid");
        assertThat(domain("refused.test").get("security_txt_status").asText()).isEqualTo("absent");
    }

    @Test
    void mtaStsIsEffectiveOnlyWhereEveryMxCertificateIsValid() throws Exception {
        CommandRun report = CommandRun.of("report", "--data", data.toString(), "--scan", "mail-1", "--format", "json");
        assertThat(report.code()).as(report.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(report.out());
        // tls-ok: enforce, MX matches, valid certificate; tls-expired: expired certificate; plain: no match
        assertThat(findMetric(json, "mta_sts.enforce")).isEqualTo(3);
        assertThat(findMetric(json, "mta_sts.effective")).isEqualTo(1);
    }

    /** The count of a metric key anywhere in the report's JSON. */
    private static long findMetric(JsonNode json, String key) {
        List<JsonNode> found = new ArrayList<>();
        collect(json, key, found);
        assertThat(found).as("metric " + key + " in the report").isNotEmpty();
        JsonNode m = found.getFirst();
        return m.isNumber() ? m.asLong() : m.get("count").asLong();
    }

    private static void collect(JsonNode node, String key, List<JsonNode> found) {
        if (node.isObject()) {
            if (node.has("key") && node.get("key").asText().equals(key)) {
                found.add(node);
            }
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals(key)) {
                    found.add(e.getValue());
                }
                collect(e.getValue(), key, found);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, key, found));
        }
    }

    private List<JsonNode> sql(String query) {
        return sql(data, query);
    }

    private static List<JsonNode> sql(Path data, String query) {
        CommandRun r = CommandRun.of("sql", "--data", data.toString(), "--format", "JSONEachRow", query);
        assertThat(r.code()).as(r.err()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(mapper.readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return rows;
    }
}

package io.mailcensus.report;

import static io.mailcensus.report.ResultFixtures.T0;
import static io.mailcensus.report.ResultFixtures.domain;
import static io.mailcensus.report.ResultFixtures.host;
import static io.mailcensus.report.ResultFixtures.mx;
import static io.mailcensus.report.ResultFixtures.server;
import static io.mailcensus.report.ResultFixtures.spf;
import static io.mailcensus.report.ResultFixtures.tlsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.mailcensus.core.port.ScanRecord;
import io.mailcensus.report.changes.ChangeGroup;
import io.mailcensus.report.changes.Changes;
import io.mailcensus.report.changes.ChangesBuilder;
import io.mailcensus.report.changes.ChangesFormatter;
import io.mailcensus.report.format.HtmlFormatter;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed (report/sql/domain_changes.sql, grouped by changes.sql) on the real engine:
 * two scans of the same eleven domains, nine facts changed on purpose, every group checked exactly.
 */
class ChangesOnEmbeddedStoreIT {

    private static final String S1 = "week-1";
    private static final String S2 = "week-2";
    private static final Instant T1 = T0.plusSeconds(7 * 86_400);

    @TempDir
    static Path dataDir;

    private static ChdbStore store;

    @BeforeAll
    static void loadTwoScans() {
        store = ChdbStore.open(dataDir);
        store.migrate();
        store.upsertScan(new ScanRecord(S1, T0, T0.plusSeconds(3600), "finished", "ch.txt", 10, 10, 0, T0));
        store.upsertScan(new ScanRecord(S2, T1, T1.plusSeconds(3600), "finished", "ch.txt", 11, 11, 0, T1));
        store.insertDomainResults(scan(S1, T0.plusSeconds(1), false));
        store.insertDomainResults(scan(S2, T1.plusSeconds(1), true));
        store.insertDomainResults(List.of(aCh(S2, T1.plusSeconds(1), true))); // re-delivered: counted once
        store.insertMailServerResults(servers(S1, false));
        store.insertMailServerResults(servers(S2, true));
    }

    @AfterAll
    static void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyChangedFactOfTheSecondScanIsListedOnceWithItsDomains() {
        Changes changes = new ChangesBuilder(store, 50).build(S2, null);

        assertThat(changes.groups()).extracting(ChangeGroup::what, ChangeGroup::before, ChangeGroup::after,
                ChangeGroup::domains, ChangeGroup::examples).containsExactlyInAnyOrder(
                tuple("dmarc_policy", "reject", "none", 2L, List.of("a.ch", "b.ch")),
                tuple("spf_all", "fail", "softfail", 1L, List.of("c.ch")),
                tuple("dnssec", "secure", "bogus", 1L, List.of("d.ch")),
                tuple("starttls", "all", "none", 1L, List.of("e.ch")),
                tuple("certificate", "valid", "unknown", 1L, List.of("e.ch")),
                tuple("certificate", "valid", "expired", 1L, List.of("f.ch")),
                tuple("dane", "valid", "failed", 1L, List.of("g.ch")),
                tuple("mta_sts_mode", "enforce", "testing", 1L, List.of("h.ch")),
                tuple("mx_provider", "hostpoint.ch", "infomaniak.com", 1L, List.of("i.ch")),
                tuple("ns_provider", "hostpoint.ch", "infomaniak.com", 1L, List.of("i.ch")));
        assertThat(changes.groups().getFirst().sentence())
                .isEqualTo("2 domains: DMARC policy reject → none (e.g. a.ch, b.ch)");
    }

    @Test
    void theFirstScanHasNothingToCompareWithAndSinceItGivesTheSameChanges() {
        assertThat(new ChangesBuilder(store, 50).build(S1, null).groups()).isEmpty();
        assertThat(new ChangesBuilder(store, 50).build(S2, S1).groups())
                .isEqualTo(new ChangesBuilder(store, 50).build(S2, null).groups());
        assertThat(new ChangesBuilder(store, 50).build(S2, S2).groups()).as("nothing after the latest scan").isEmpty();
    }

    @Test
    void theFeedItselfHasOneRowPerChangeWithBothScans() {
        String feed = io.mailcensus.report.sql.SqlFiles.load("domain_changes.sql").text();
        String rows = store.query("SELECT domain, what, before, after, before_scan, scan_id FROM (" + feed + ") "
                + "WHERE domain = 'i.ch' ORDER BY what", "TabSeparated");
        assertThat(rows).isEqualTo("i.ch\tmx_provider\thostpoint.ch\tinfomaniak.com\tweek-1\tweek-2\n"
                + "i.ch\tns_provider\thostpoint.ch\tinfomaniak.com\tweek-1\tweek-2\n");
    }

    @Test
    void theHtmlReportHasAWhatChangedSectionAndTheTextFormIsReadable() {
        Changes changes = new ChangesBuilder(store, 50).build(S2, null);
        Report report = new ReportBuilder(store).build(S2);
        String html = new HtmlFormatter().render(report, List.of(report), changes);
        assertThat(html).contains("<section id=\"changes\">", "<h2>What changed</h2>", "DMARC policy",
                "<td>reject</td><td>none</td>");
        assertThat(ChangesFormatter.text(changes)).startsWith("What changed into scan week-2\n")
                .contains("  1 domain: DNSSEC validation secure → bogus (e.g. d.ch)\n");
        assertThat(ChangesFormatter.markdown(changes)).contains("| 2 | DMARC policy | reject | none | a.ch, b.ch |");
    }

    private static List<DomainResult> scan(String scan, Instant at, boolean changed) {
        List<DomainResult> out = new ArrayList<>();
        out.add(aCh(scan, at, changed));
        out.add(d(scan, "b.ch", at, b -> b.getDmarcBuilder().setStatus(CheckStatus.present)
                .setP(changed ? "none" : "reject")));
        out.add(d(scan, "c.ch", at, b -> spf(b, changed ? SpfAll.softfail : SpfAll.fail, "v=spf1 -all")));
        out.add(d(scan, "d.ch", at, b -> b.getDnssecBuilder().setSigned(CheckStatus.present)
                .setValidation(changed ? DnssecStatus.bogus : DnssecStatus.secure)));
        out.add(d(scan, "e.ch", at, b -> mx(b, host("mx.e.ch", "192.0.2.5"))));
        out.add(d(scan, "f.ch", at, b -> mx(b, host("mx.f.ch", "192.0.2.6"))));
        out.add(d(scan, "g.ch", at, b -> mx(b, host("mx.g.ch", "192.0.2.7"))));
        out.add(d(scan, "h.ch", at, b -> b.getMtaStsBuilder().setStatus(CheckStatus.present)
                .setPolicyStatus(CheckStatus.present).setMode(changed ? "testing" : "enforce")));
        out.add(d(scan, "i.ch", at, b -> {
            b.getMxBuilder().setProviders(List.of(changed ? "infomaniak.com" : "hostpoint.ch"));
            b.getNsBuilder().setProviders(List.of(changed ? "infomaniak.com" : "hostpoint.ch"));
        }));
        out.add(d(scan, "j.ch", at, b -> {
            mx(b, host("mx.j.ch", "192.0.2.10"));
            b.getDmarcBuilder().setStatus(CheckStatus.present).setP("reject");
        }));
        if (changed) {
            out.add(d(scan, "k.ch", at, b -> b.getDmarcBuilder().setStatus(CheckStatus.present).setP("none")));
        }
        return out;
    }

    private static DomainResult aCh(String scan, Instant at, boolean changed) {
        return d(scan, "a.ch", at, b -> b.getDmarcBuilder().setStatus(CheckStatus.present)
                .setP(changed ? "none" : "reject"));
    }

    private static DomainResult d(String scan, String name, Instant at, Consumer<DomainResult.Builder> edit) {
        return domain(scan, name, at, edit);
    }

    private static List<MailServerResult> servers(String scan, boolean changed) {
        return List.of(
                changed ? server(scan, "mx.e.ch", "192.0.2.5", SmtpSoftware.postfix).build()
                        : tlsServer(scan, "mx.e.ch", "192.0.2.5", SmtpSoftware.postfix, "Let's Encrypt").build(),
                tlsServer(scan, "mx.f.ch", "192.0.2.6", SmtpSoftware.postfix, "Let's Encrypt").setExpired(changed)
                        .build(),
                tlsServer(scan, "mx.g.ch", "192.0.2.7", SmtpSoftware.postfix, "Let's Encrypt")
                        .setTlsaStatus(CheckStatus.present).setTlsaDnssec(DnssecStatus.secure).setDaneValid(!changed)
                        .build(),
                tlsServer(scan, "mx.j.ch", "192.0.2.10", SmtpSoftware.exim, "Let's Encrypt").build());
    }
}

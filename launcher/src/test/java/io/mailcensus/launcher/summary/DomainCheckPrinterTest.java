package io.mailcensus.launcher.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.schemas.DnssecCheck;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.NsCheck;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.SpfCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainCheckPrinterTest {

    private static final Instant T0 = Instant.parse("2024-01-11T19:27:57Z");

    private static DomainResult.Builder base(String domain) {
        return DomainResult.newBuilder().setScanId("s").setDomain(domain).setDomainUnicode(domain)
                .setStatus(DomainStatus.ok).setStartedAt(T0).setFinishedAt(T0.plusMillis(412));
    }

    @Test
    void oneLinePerCheckWithStatusAndKeyValues() {
        DomainResult r = base("icewolf.ch")
                .setNs(NsCheck.newBuilder().setStatus(CheckStatus.present)
                        .setHosts(List.of("ns1-03.azure-dns.com", "ns2-03.azure-dns.net")).build())
                .setDnssec(DnssecCheck.newBuilder().setSigned(CheckStatus.absent).build())
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of(MxRecord.newBuilder().setPreference(0).setHost("icewolf-ch.mail.protection.outlook.com").build()))
                        .setHosts(List.of(MxHost.newBuilder().setName("icewolf-ch.mail.protection.outlook.com")
                                .setStatus(CheckStatus.present).setIpv4(List.of("104.47.22.10", "104.47.22.74")).build()))
                        .build())
                .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.present).setAll(SpfAll.fail)
                        .setRecords(List.of("v=spf1 ip4:95.143.60.16/29 include:spf.protection.outlook.com -all")).build())
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.present).setP("reject").setSp("reject")
                        .setRecords(List.of("v=DMARC1; p=reject; sp=reject")).build())
                .setDkim(DkimCheck.newBuilder().setStatus(DkimStatus.likely).setNode(CheckStatus.present).build())
                .build();

        String text = DomainCheckPrinter.render(r);

        assertThat(text.lines().toList()).startsWith(
                "SUMMARY: icewolf.ch  (ok, 412 ms)",
                "Nameserver:     present  ns1-03.azure-dns.com ns2-03.azure-dns.net",
                "DNSSEC signed:  absent");
        assertThat(text).contains(
                "MX:             present  0 icewolf-ch.mail.protection.outlook.com\n",
                "MX host:        present  icewolf-ch.mail.protection.outlook.com  104.47.22.10 104.47.22.74\n",
                "SPF:            present  all=fail\n",
                "SPF record:              v=spf1 ip4:95.143.60.16/29 include:spf.protection.outlook.com -all\n",
                "DKIM:           likely   _domainkey node exists\n",
                "DMARC:          present  p=reject sp=reject\n");
        assertThat(text).contains("Not checked:    DNSSEC validation, CAA, BIMI, MTA-STS, TLS-RPT, Autodiscover");
    }

    @Test
    void providersReverseDnsDiscoveryAndM365EvidenceArePrinted() {
        DomainResult r = base("contoso.ch")
                .setNs(NsCheck.newBuilder().setStatus(CheckStatus.present).setHosts(List.of("ns1.hostpoint.ch"))
                        .setProviders(List.of("hostpoint.ch")).build())
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of(MxRecord.newBuilder().setPreference(10).setHost("mx.contoso.ch").build()))
                        .setProviders(List.of("contoso.ch"))
                        .setHosts(List.of(MxHost.newBuilder().setName("mx.contoso.ch").setStatus(CheckStatus.present)
                                .setIpv4(List.of("192.0.2.1")).setPtr(List.of("mx.contoso.ch")).setFcrdns(true).build()))
                        .build())
                .setAutodiscover(io.mailcensus.schemas.TargetCheck.newBuilder().setStatus(CheckStatus.present)
                        .setTargets(List.of("autodiscover.outlook.com")).build())
                .setLyncdiscover(io.mailcensus.schemas.TargetCheck.newBuilder().setStatus(CheckStatus.absent).build())
                .setSipFederation(io.mailcensus.schemas.TargetCheck.newBuilder().setStatus(CheckStatus.error).build())
                .setM365(io.mailcensus.schemas.M365Check.newBuilder().setEvidence(List.of("autodiscover", "ms_txt")).build())
                .build();

        String text = DomainCheckPrinter.render(r);

        assertThat(text).contains(
                "NS provider:    hostpoint.ch\n",
                "MX provider:    contoso.ch\n",
                "MX host:        present  mx.contoso.ch  192.0.2.1  PTR mx.contoso.ch  fcrdns=yes\n",
                "Autodiscover:   present  autodiscover.outlook.com\n",
                "Lyncdiscover:   absent\n",
                "SIP federation: error\n",
                "M365 evidence:  autodiscover ms_txt\n");
        assertThat(text).contains("M365 tenant");
    }

    @Test
    void nxdomainIsOneLine() {
        DomainResult r = base("gone.ch").setStatus(DomainStatus.nxdomain).build();
        assertThat(DomainCheckPrinter.render(r)).isEqualTo("SUMMARY: gone.ch  (nxdomain: the domain does not exist, 412 ms)\n");
    }

    @Test
    void errorsAreListedAndNeverLookLikeAbsence() {
        QueryError timeout = QueryError.newBuilder().setQname("_dmarc.example.ch").setQtype("TXT")
                .setKind(ErrorKind.timeout).setDetail("SocketTimeoutException: Query timed out").build();
        DomainResult r = base("example.ch")
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.error).build())
                .setErrors(List.of(timeout)).build();
        String text = DomainCheckPrinter.render(r);
        assertThat(text).startsWith("SUMMARY: example.ch  (ok, 412 ms, 1 query errors)\n");
        assertThat(text).contains("DMARC:          error\n");
        assertThat(text).endsWith("Query error:    TXT _dmarc.example.ch: timeout (SocketTimeoutException: Query timed out)\n");
    }

    @Test
    void unicodeFormIsShownForIdns() {
        DomainResult r = base("xn--bcher-kva.ch").setDomainUnicode("bücher.ch").setIdn(true)
                .setStatus(DomainStatus.nxdomain).build();
        assertThat(DomainCheckPrinter.render(r)).startsWith("SUMMARY: xn--bcher-kva.ch [bücher.ch]  (nxdomain");
    }

    @Test
    void dkimKeysNotesCaaDetailsAndRuaAuthorisationArePrinted() {
        DomainResult r = base("signed.ch")
                .setCaa(io.mailcensus.schemas.CaaCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of("0 issue \"letsencrypt.org\"", "128 tbs \"x\""))
                        .setIssue(List.of("letsencrypt.org")).setUnknownCritical(List.of("tbs")).build())
                .setDkim(DkimCheck.newBuilder().setStatus(DkimStatus.found).setNode(CheckStatus.present)
                        .setKeys(List.of(io.mailcensus.schemas.DkimKey.newBuilder().setSelector("selector1")
                                .setRecord("v=DKIM1; p=...").setKeyType("rsa").setBits(2048).setValid(true).build()))
                        .setNotes(List.of("selector1: CNAME to selector1-signed-ch._domainkey.signed.onmicrosoft.com")).build())
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.present).setP("none")
                        .setRua(List.of("mailto:a@rua.example")).setRuaExternalAuthorized(false).build())
                .build();

        String text = DomainCheckPrinter.render(r);

        assertThat(text).contains("selector1: rsa 2048 bits", "CNAME to selector1-signed-ch._domainkey.signed.onmicrosoft.com",
                "issue=letsencrypt.org", "unknown critical tags (no CA may issue): tbs", "external rua NOT authorised");
    }

    @Test
    void controlCharactersOfRecordsAreShownNotSentToTheTerminal() {
        DomainResult r = base("hostile.ch")
                .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.present).setAll(SpfAll.fail)
                        .setRecords(List.of("v=spf1 \u001b]0;owned\u0007\u001b[2J -all")).build())
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.present).setP("reject")
                        .setRecords(List.of("v=DMARC1; p=reject;\u009b31m")).build())
                .build();

        String text = DomainCheckPrinter.render(r);

        assertThat(text).doesNotContain("\u001b", "\u0007", "\u009b")
                .contains("v=spf1 \\x1b]0;owned\\x07\\x1b[2J -all", "p=reject;\\u009b31m");
        assertThat(text.lines()).allMatch(l -> l.chars().noneMatch(c -> c < 0x20));
    }
}

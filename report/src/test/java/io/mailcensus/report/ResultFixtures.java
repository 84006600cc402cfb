package io.mailcensus.report;

import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Hand-built results: a domain that has nothing, edited into the case a test needs. */
final class ResultFixtures {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private ResultFixtures() {}

    /** A scanned domain whose every check came back absent, then {@code edit}. */
    static DomainResult domain(String scan, String name, Instant finished, Consumer<DomainResult.Builder> edit) {
        DomainResult.Builder b = DomainResult.newBuilder()
                .setScanId(scan)
                .setDomain(name)
                .setDomainUnicode(name)
                .setStatus(DomainStatus.ok)
                .setStartedAt(T0)
                .setFinishedAt(finished)
                .setIdn(name.startsWith("xn--"));
        b.getNsBuilder().setStatus(CheckStatus.present);
        b.getDnssecBuilder().setSigned(CheckStatus.absent).setValidation(DnssecStatus.insecure);
        b.getCaaBuilder().setStatus(CheckStatus.absent);
        b.getMxBuilder().setStatus(CheckStatus.absent);
        b.getSpfBuilder().setStatus(CheckStatus.absent);
        b.getDkimBuilder().setStatus(DkimStatus.unknown).setNode(CheckStatus.absent);
        b.getDmarcBuilder().setStatus(CheckStatus.absent);
        b.getBimiBuilder().setStatus(CheckStatus.absent);
        b.getMtaStsBuilder().setStatus(CheckStatus.absent);
        b.getTlsRptBuilder().setStatus(CheckStatus.absent);
        b.getAutodiscoverBuilder().setStatus(CheckStatus.absent);
        b.getLyncdiscoverBuilder().setStatus(CheckStatus.absent);
        b.getSipFederationBuilder().setStatus(CheckStatus.absent);
        b.getSecurityTxtBuilder().setStatus(SecurityTxtStatus.absent);
        b.getM365Builder().setStatus(CheckStatus.absent);
        edit.accept(b);
        return b.build();
    }

    static DomainResult domain(String scan, String name, Consumer<DomainResult.Builder> edit) {
        return domain(scan, name, T0.plusSeconds(1), edit);
    }

    /** MX records at preference 10, 20, ... for these hosts, each with its addresses. */
    static void mx(DomainResult.Builder b, MxHost... hosts) {
        var records = new ArrayList<MxRecord>();
        for (int i = 0; i < hosts.length; i++) {
            records.add(new MxRecord(10 * (i + 1), hosts[i].getName()));
        }
        b.getMxBuilder().setStatus(CheckStatus.present).setRecords(records).setHosts(List.of(hosts));
    }

    static MxHost host(String name, String... addresses) {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (String address : addresses) {
            (address.contains(":") ? v6 : v4).add(address);
        }
        return MxHost.newBuilder().setName(name).setStatus(CheckStatus.present).setIpv4(v4).setIpv6(v6).build();
    }

    static void spf(DomainResult.Builder b, SpfAll all, String... records) {
        b.getSpfBuilder().setStatus(CheckStatus.present).setRecords(List.of(records)).setAll(all)
                .setMultiple(records.length > 1).setDnsTerms(1);
    }

    /** A mail server that answered, offered STARTTLS and completed the handshake with a valid certificate. */
    static MailServerResult.Builder tlsServer(String scan, String host, String ip, SmtpSoftware software, String issuerOrg) {
        Certificate leaf = Certificate.newBuilder()
                .setSubject("CN=" + host)
                .setSans(List.of(host))
                .setIssuer("CN=Issuing CA, O=" + issuerOrg)
                .setIssuerOrg(issuerOrg)
                .setNotBefore(T0.minusSeconds(86_400))
                .setNotAfter(T0.plusSeconds(86_400 * 60))
                .setKeyAlgorithm("RSA")
                .setKeyBits(2048)
                .setSignatureAlgorithm("SHA256withRSA")
                .setSha256("00")
                .build();
        return server(scan, host, ip, software)
                .setStarttls(StarttlsStatus.accepted)
                .setTls(TlsStatus.ok)
                .setChain(List.of(leaf))
                .setPkixValid(true)
                .setHostnameMatch(true)
                .setExpired(false);
    }

    /** A mail server that answered; STARTTLS not offered unless the caller says otherwise. */
    static MailServerResult.Builder server(String scan, String host, String ip, SmtpSoftware software) {
        return MailServerResult.newBuilder()
                .setScanId(scan)
                .setHost(host)
                .setIp(ip)
                .setProbedAt(T0.plusSeconds(60))
                .setConnect(ConnectStatus.ok)
                .setSoftware(software)
                .setStarttls(StarttlsStatus.not_offered)
                .setTls(TlsStatus.not_attempted)
                .setTlsaStatus(CheckStatus.absent);
    }
}

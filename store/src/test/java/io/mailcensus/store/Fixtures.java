package io.mailcensus.store;

import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimKey;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.schemas.DnssecCheck;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.ErrorKind;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.MxRecord;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.SmtpSoftware;
import io.mailcensus.schemas.SpfAll;
import io.mailcensus.schemas.SpfCheck;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.schemas.TlsStatus;
import java.time.Instant;
import java.util.List;

/** Rows with every kind of field: nulls, empty and nested arrays, tuples, unicode, quotes. */
public final class Fixtures {

    public static final Instant STARTED = Instant.parse("2025-03-04T05:06:07.089Z");
    /** Quotes, a backslash, control characters, non-BMP (emoji) and a combining accent. */
    public static final String AWKWARD = "v=spf1 \"quoted\" back\\slash tab\there nl\nnul\u0000 bell\u0007 😀 é ü";

    private Fixtures() {}

    public static DomainResult everyKindOfField(String scanId, String domain) {
        return DomainResult.newBuilder()
                .setScanId(scanId)
                .setDomain(domain)
                .setDomainUnicode("bücher-😀.example")
                .setStatus(DomainStatus.ok)
                .setStartedAt(STARTED)
                .setFinishedAt(STARTED.plusMillis(1234))
                .setIdn(true)
                .setErrors(List.of(
                        new QueryError("_dmarc." + domain, "TXT", ErrorKind.timeout, null),
                        new QueryError(domain, "CAA", ErrorKind.servfail, "EDE 22: \"No Reachable Authority\"")))
                .setDnssec(DnssecCheck.newBuilder().setSigned(CheckStatus.present)
                        .setDs(List.of("2371 13 2 1F987CC6583E92DF0890718C42")).setValidation(DnssecStatus.bogus)
                        .setReason("RRSIG expired").build())
                .setMx(MxCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of(new MxRecord(0, "mx1." + domain), new MxRecord(20, "mx2." + domain)))
                        .setNullMx(false)
                        .setCnameHosts(List.of())
                        .setHosts(List.of(
                                MxHost.newBuilder().setName("mx1." + domain).setStatus(CheckStatus.present)
                                        .setIpv4(List.of("192.0.2.1", "192.0.2.2")).setIpv6(List.of("2001:db8::1"))
                                        .setPtr(List.of("mx1." + domain)).setFcrdns(true).build(),
                                MxHost.newBuilder().setName("mx2." + domain).setStatus(CheckStatus.error)
                                        .setFcrdns(null).build()))
                        .setProviders(List.of(domain)).build())
                .setSpf(SpfCheck.newBuilder().setStatus(CheckStatus.invalid).setRecords(List.of(AWKWARD, "v=spf1 -all"))
                        .setMultiple(true).setAll(SpfAll.softfail).setDnsTerms(11).setVoidLookups(null)
                        .setPermerror("too many DNS lookups (11 > 10)").build())
                .setDkim(DkimCheck.newBuilder().setStatus(DkimStatus.likely).setNode(CheckStatus.present)
                        .setKeys(List.of(DkimKey.newBuilder().setSelector("s1").setRecord("v=DKIM1; p=")
                                .setKeyType(null).setBits(null).setRevoked(true).setValid(false).build()))
                        .build())
                .setDmarc(DmarcCheck.newBuilder().setStatus(CheckStatus.present)
                        .setRecords(List.of("v=DMARC1; p=quarantine; pct=50")).setP("quarantine").setPct(50)
                        .setRuaExternalAuthorized(false).build())
                .setMtaSts(MtaStsCheck.newBuilder().setStatus(CheckStatus.present).setId("20250101")
                        .setPolicyStatus(CheckStatus.present).setMode("enforce").setMaxAge(Long.MAX_VALUE / 2)
                        .setPolicyMx(List.of("*." + domain)).setMxMatch(true).setEffective(true).build())
                .setAutodiscover(TargetCheck.newBuilder().setStatus(CheckStatus.present)
                        .setTargets(List.of("autodiscover.outlook.com")).build())
                .build();
    }

    public static MailServerResult mailServer(String scanId, String host, String ip) {
        return MailServerResult.newBuilder()
                .setScanId(scanId)
                .setHost(host)
                .setIp(ip)
                .setProbedAt(STARTED)
                .setConnect(ConnectStatus.ok)
                .setConnectMs(42)
                .setGreeting("220 " + host + " ESMTP Postfix (Debian/GNU)\r\n")
                .setSoftware(SmtpSoftware.postfix)
                .setExtensions(List.of("PIPELINING", "SIZE 10240000", "STARTTLS", "8BITMIME"))
                .setStarttls(StarttlsStatus.accepted)
                .setTls(TlsStatus.ok)
                .setTlsProtocol("TLSv1.3")
                .setChain(List.of(Certificate.newBuilder().setSubject("CN=" + host).setSans(List.of(host))
                        .setIssuer("CN=R11, O=Let's Encrypt").setIssuerOrg("Let's Encrypt")
                        .setNotBefore(Instant.parse("2025-01-01T00:00:00Z"))
                        .setNotAfter(Instant.parse("9999-12-31T23:59:59.999Z"))
                        .setKeyAlgorithm("EC").setKeyBits(256).setSignatureAlgorithm("SHA256withRSA")
                        .setSha256("ab".repeat(32)).build()))
                .setPkixValid(true)
                .setHostnameMatch(true)
                .setExpired(false)
                .build();
    }
}

package io.mailcensus.testbed.truth;

import io.mailcensus.testbed.truth.DomainFacts.Bimi;
import io.mailcensus.testbed.truth.DomainFacts.Dkim;
import io.mailcensus.testbed.truth.DomainFacts.Dmarc;
import io.mailcensus.testbed.truth.DomainFacts.DmarcPolicy;
import io.mailcensus.testbed.truth.DomainFacts.MxKind;
import io.mailcensus.testbed.truth.DomainFacts.SpfAll;
import java.util.function.Predicate;

/**
 * The report metrics (shared/spec/report.md) that DNS alone decides, each with its base and the
 * rule that puts one domain in its numerator.
 *
 * <p>How a broken domain counts: a domain whose delegation is broken (timeout or lame, see
 * {@link DomainFacts.Broken}) counts in {@code domains.total} and {@code domains.error} and in no
 * other numerator, because nothing about it can be measured ("unknown is not absent"). It still
 * sits in the base {@code all} (every domain of the scan), never in the base {@code mx}. The
 * generator keeps such domains free of anything the parent zone alone could show (DS, xn--
 * labels), so the rule holds whether or not a scanner asks the parent before giving up.
 *
 * <p>How a bogus domain counts: like any other. Its zone is served (a DS that matches no key, or
 * a DS over an unsigned zone), so a scanner that queries with the CD bit, as checks.md asks,
 * reads its records; it counts in {@code dnssec.signed} and {@code dnssec.bogus}, never in
 * {@code dnssec.secure}, and in every other metric its records earn. A scanner that let the
 * validating resolver hide it behind SERVFAIL would report it as an error instead, and miss.
 *
 * <p>Where a metric could be read two ways, the generator avoids the ambiguous case instead of
 * picking a reading: a domain with several SPF records has no {@code all} and no
 * {@code redirect=} in any of them; an invalid DMARC record has no {@code rua}; a localhost MX set
 * has only localhost hosts. Two readings remain and are fixed here: the {@code spf.all.*} and
 * {@code spf.redirect} metrics describe the domain's own record (a redirect is not followed), and
 * {@code dkim.likely} counts every domain whose {@code _domainkey} node exists, including those
 * where a key was found ({@code dkim.found} is a subset of it).
 */
public enum Metric {
    DOMAINS_TOTAL("domains.total", Base.NONE, f -> true),
    DOMAINS_ERROR("domains.error", Base.ALL, f -> !f.ok()),
    DNSSEC_SIGNED("dnssec.signed", Base.ALL, DomainFacts::ds),
    DNSSEC_SECURE("dnssec.secure", Base.ALL, f -> f.dnssec() == DomainFacts.Dnssec.SECURE),
    DNSSEC_BOGUS("dnssec.bogus", Base.ALL, f -> f.dnssec().bogus()),
    IDN("idn", Base.ALL, DomainFacts::idn),
    CAA("caa", Base.ALL, DomainFacts::caa),
    MX_PRESENT("mx.present", Base.ALL, f -> f.mx() != MxKind.NONE),
    MX_NULL("mx.null", Base.MX, f -> f.mx() == MxKind.NULL),
    MX_LOCALHOST("mx.localhost", Base.MX, f -> f.mx() == MxKind.LOCALHOST),
    SPF_PRESENT("spf.present", Base.MX, f -> f.spfRecords() >= 1),
    SPF_ALL_FAIL("spf.all.fail", Base.MX, f -> f.spfAll() == SpfAll.FAIL),
    SPF_ALL_SOFTFAIL("spf.all.softfail", Base.MX, f -> f.spfAll() == SpfAll.SOFTFAIL),
    SPF_ALL_NEUTRAL("spf.all.neutral", Base.MX, f -> f.spfAll() == SpfAll.NEUTRAL),
    SPF_ALL_PASS("spf.all.pass", Base.MX, f -> f.spfAll() == SpfAll.PASS),
    SPF_REDIRECT("spf.redirect", Base.MX, DomainFacts::spfRedirect),
    SPF_NO_MAIL("spf.no_mail", Base.MX, DomainFacts::spfNoMail),
    SPF_MULTIPLE("spf.multiple", Base.MX, f -> f.spfRecords() > 1),
    DKIM_FOUND("dkim.found", Base.MX, f -> f.dkim() == Dkim.KEY),
    DKIM_LIKELY("dkim.likely", Base.MX, f -> f.dkim() != Dkim.NONE),
    DMARC_PRESENT("dmarc.present", Base.MX, f -> f.dmarc() == Dmarc.VALID),
    DMARC_P_NONE("dmarc.p.none", Base.MX, f -> f.dmarcPolicy() == DmarcPolicy.NONE),
    DMARC_P_QUARANTINE("dmarc.p.quarantine", Base.MX, f -> f.dmarcPolicy() == DmarcPolicy.QUARANTINE),
    DMARC_P_REJECT("dmarc.p.reject", Base.MX, f -> f.dmarcPolicy() == DmarcPolicy.REJECT),
    DMARC_RUA("dmarc.rua", Base.MX, DomainFacts::dmarcRua),
    DMARC_INVALID("dmarc.invalid", Base.MX, f -> f.dmarc() == Dmarc.INVALID),
    MTA_STS_RECORD("mta_sts.record", Base.MX, DomainFacts::mtaSts),
    TLS_RPT("tls_rpt", Base.MX, DomainFacts::tlsRpt),
    BIMI_RECORD("bimi.record", Base.MX, f -> f.bimi() != Bimi.NONE),
    BIMI_CERTIFICATE("bimi.certificate", Base.MX, f -> f.bimi() == Bimi.CERTIFICATE),
    AUTODISCOVER("autodiscover", Base.ALL, f -> f.discovery().autodiscover()),
    LYNCDISCOVER("lyncdiscover", Base.ALL, f -> f.discovery().lyncdiscover()),
    SIP_FEDERATION("sip_federation", Base.ALL, f -> f.discovery().sipFederation());

    private final String key;
    private final Base base;
    private final Predicate<DomainFacts> rule;

    Metric(String key, Base base, Predicate<DomainFacts> rule) {
        this.key = key;
        this.base = base;
        this.rule = rule;
    }

    /** The report key, e.g. {@code spf.all.fail}. */
    public String key() {
        return key;
    }

    public Base base() {
        return base;
    }

    /** Whether the domain is in this metric's numerator. */
    public boolean counts(DomainFacts facts) {
        return switch (this) {
            case DOMAINS_TOTAL -> true;
            case DOMAINS_ERROR -> !facts.ok();
            // Unknown is not absent, and not present either: an error domain counts nowhere else.
            default -> facts.ok() && base.contains(facts) && rule.test(facts);
        };
    }

    public static Metric ofKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric key: " + key);
    }

    /** The bases of report.md that these metrics use. */
    public enum Base {
        /** {@code domains.total} is a plain count. */
        NONE,
        /** Every domain of the scan. */
        ALL,
        /** Domains with at least one MX record, null MX and localhost MX included. */
        MX;

        public boolean contains(DomainFacts f) {
            return switch (this) {
                case NONE, ALL -> true;
                case MX -> f.ok() && f.mx() != MxKind.NONE;
            };
        }
    }
}

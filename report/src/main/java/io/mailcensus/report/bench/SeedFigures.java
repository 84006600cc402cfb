package io.mailcensus.report.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures the seed (Swiss Domain Security Report Q4 2023, 2,516,443 .ch domains) published,
 * as metric keys of report.md and their percentage of the base each slide uses: "of all .ch
 * domains" is base {@code all}, the mail slides are "of domains with MX", base {@code mx}
 * (1,780,602). Where a slide printed fewer than two decimals, the share is the slide's count over
 * its base, to two decimals. These are the targets {@link SeedPopulation} generates rows for.
 *
 * <p>Left out, because report.md defines them differently: starttls.none (the seed's 18.90% is
 * the remainder of 100% and includes null-MX and localhost domains; its own count 366,559 is
 * 20.59%), dmarc.p.quarantine (the seed's three policy counts add up to 203,560, more than its
 * 200,521 DMARC records; here a policy counts only on a valid record, so quarantine is what is
 * left of present - none - reject), dkim.likely (the seed's "might have" 64.54% excludes the
 * 7.08% "high chance"; report.md's dkim.likely includes them, so it is their sum).
 */
public final class SeedFigures {

    public static final long SEED_DOMAINS = 2_516_443;
    public static final long SEED_MX_DOMAINS = 1_780_602;

    /** Metric key -> pct of its base, in the seed's slide order. */
    public static final Map<String, Double> Q4_2023 = q4();

    /** The seed's 64.54% of domains with MX that "might have a DKIM record" besides the 7.08% found. */
    public static final double DKIM_MIGHT = 64.54;

    /** "110'657 unique Tenants with .ch Domains", a count. */
    public static final long M365_TENANTS_UNIQUE = 110_657;

    /** Slide "DNSSEC / NS": the NS providers, base all (Hostpoint printed as 13.7%: 346,097 = 13.75%). */
    public static final List<Share> NS_PROVIDERS = List.of(
            new Share("hostpoint.ch", pct(346_097, SEED_DOMAINS)),
            new Share("infomaniak.com", 5.51),
            new Share("cyon.ch", 3.23),
            new Share("hoststar.ch", 2.94),
            new Share("jimdo.com", 1.39),
            new Share("azure-dns.com", 0.23));

    /** Slide "MX": the MX providers, base mx (Infomaniak printed as 7.7%: 137,066 = 7.70%). */
    public static final List<Share> MX_PROVIDERS = List.of(
            new Share("hostpoint.ch", 18.78),
            new Share("infomaniak.com", pct(137_066, SEED_MX_DOMAINS)),
            new Share("mail.protection.outlook.com", 7.02),
            new Share("jimdo.com", 1.78),
            new Share("pphosted.com", 0.04),
            new Share("mimecast.com", 0.02));

    /** "Over 13% for Let's Encrypt!" (of the domains whose MX did TLS): the only issuer figure. */
    public static final double LETS_ENCRYPT_MORE_THAN = 13.0;

    /** A name and its pct of a breakdown's base. */
    public record Share(String name, double pct) {}

    private SeedFigures() {}

    private static Map<String, Double> q4() {
        var f = new LinkedHashMap<String, Double>();
        f.put("dnssec.signed", 48.34);          // 1,216,341 of the DNS zones signed
        f.put("idn", 2.66);                     // 67,006 IDN using Punycode
        f.put("mx.present", 70.76);             // 1,780,602 have MX
        f.put("caa", 1.36);                     // 34,299 support CAA
        f.put("security_txt.present", 4.73);    // 119,082 have SecurityTXT
        f.put("m365.tenant", 5.76);             // 144,948 have a M365 tenant
        f.put("mx.null", 1.62);                 // 28,768 use "Null MX", of domains with MX
        f.put("mx.localhost", 1.59);            // 28,379 of domains with MX point to localhost
        f.put("starttls.all", 78.80);           // 1,403,083 STARTTLS on all MX records
        f.put("starttls.some", 2.30);           // 40,912 STARTTLS on some MX records
        f.put("smtp.software.exim", 30.15);     // 536,772
        f.put("smtp.software.postfix", 17.83);  // 317,511
        f.put("smtp.software.exchange", 6.29);  // 112,034 Exchange/EXO
        f.put("smtp.software.sendmail", 0.08);  // 1,463
        f.put("spf.present", 78.13);            // 1,391,162 have a SPF record
        f.put("spf.all.fail", 24.52);           // 436,578 "SPF -all"
        f.put("spf.all.softfail", 30.82);       // 548,760 "SPF ~all"
        f.put("spf.redirect", 17.15);           // 305,415 have a SPF redirect
        f.put("spf.no_mail", 2.99);             // 53,180 (v=spf1 -all)
        f.put("spf.multiple", 0.36);            // 6,441 multiple SPF records
        f.put("dkim.found", 7.08);              // 126,130 "high chance of having a DKIM record"
        f.put("dmarc.present", 11.26);          // 200,521 have a DMARC record
        f.put("dmarc.p.none", 5.78);            // 102,938
        f.put("dmarc.p.reject", 2.97);          // 52,870
        f.put("dmarc.rua", 3.51);               // 62,511 have a rua defined
        f.put("dane.present", 30.06);           // 535,208 has DANE record
        f.put("mta_sts.record", pct(840, SEED_MX_DOMAINS));   // "0.05% (840) support MTA-STS"
        f.put("tls_rpt", pct(630, SEED_MX_DOMAINS));          // "0.04% (630) support TLS-RPT"
        f.put("bimi.record", pct(480, SEED_MX_DOMAINS));      // "0.03% (480) support BIMI"
        f.put("bimi.certificate", pct(14, SEED_MX_DOMAINS));  // "only 14 with a Certificate"
        return java.util.Collections.unmodifiableMap(f);
    }

    /** count / base as a pct, 2 decimals, half up (as the report rounds). */
    private static double pct(long count, long base) {
        return io.mailcensus.report.Percent.of(count, base);
    }
}

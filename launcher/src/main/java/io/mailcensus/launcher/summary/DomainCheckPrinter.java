package io.mailcensus.launcher.summary;

import io.mailcensus.report.format.Escapes;
import io.mailcensus.schemas.BimiCheck;
import io.mailcensus.schemas.CaaCheck;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.DkimCheck;
import io.mailcensus.schemas.DkimStatus;
import io.mailcensus.schemas.DmarcCheck;
import io.mailcensus.schemas.DnssecStatus;
import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.DomainStatus;
import io.mailcensus.schemas.MtaStsCheck;
import io.mailcensus.schemas.MxCheck;
import io.mailcensus.schemas.MxHost;
import io.mailcensus.schemas.QueryError;
import io.mailcensus.schemas.SecurityTxtStatus;
import io.mailcensus.schemas.SpfCheck;
import io.mailcensus.schemas.TargetCheck;
import io.mailcensus.schemas.TlsRptCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The human summary that {@code mailcensus check DOMAIN} prints: one line per check with its
 * status and key values, in the spirit of the seed tool's SUMMARY block. Checks that were not
 * run are named once at the end instead of printing a line each. Control characters in what
 * servers sent (records, replies) are printed as {@code \xNN}, as the text report does.
 */
public final class DomainCheckPrinter {

    private static final String NONE = "-";

    private DomainCheckPrinter() {}

    public static String render(DomainResult r) {
        Lines out = new Lines();
        out.raw("SUMMARY: " + r.getDomain() + unicodeSuffix(r) + "  (" + headline(r) + ")");
        if (r.getStatus() != DomainStatus.nxdomain) {
            List<String> notChecked = new ArrayList<>();
            ns(out, r, notChecked);
            dnssec(out, r, notChecked);
            caa(out, r.getCaa(), notChecked);
            mx(out, r.getMx(), notChecked);
            spf(out, r.getSpf(), notChecked);
            dkim(out, r.getDkim(), notChecked);
            dmarc(out, r.getDmarc(), notChecked);
            bimi(out, r.getBimi(), notChecked);
            mtaSts(out, r.getMtaSts(), notChecked);
            tlsRpt(out, r.getTlsRpt(), notChecked);
            later(out, r, notChecked);
            if (!notChecked.isEmpty()) {
                out.line("Not checked", String.join(", ", notChecked));
            }
        }
        for (QueryError e : r.getErrors()) {
            out.line("Query error", e.getQtype() + " " + e.getQname() + ": " + e.getKind()
                    + (e.getDetail() == null ? "" : " (" + e.getDetail() + ")"));
        }
        return out.toString();
    }

    private static String unicodeSuffix(DomainResult r) {
        return r.getDomainUnicode().equals(r.getDomain()) ? "" : " [" + r.getDomainUnicode() + "]";
    }

    private static String headline(DomainResult r) {
        long millis = Duration.between(r.getStartedAt(), r.getFinishedAt()).toMillis();
        String status = switch (r.getStatus()) {
            case ok -> "ok";
            case nxdomain -> "nxdomain: the domain does not exist";
            case error -> "error: the domain could not be scanned";
        };
        String errors = r.getErrors().isEmpty() ? "" : ", " + r.getErrors().size() + " query errors";
        return status + ", " + millis + " ms" + errors + (r.getIdn() ? ", IDN" : "");
    }

    private static void ns(Lines out, DomainResult r, List<String> notChecked) {
        if (skip(r.getNs().getStatus(), "NS", notChecked)) {
            return;
        }
        out.line("Nameserver", status(r.getNs().getStatus()), String.join(" ", r.getNs().getHosts()));
        if (!r.getNs().getProviders().isEmpty()) {
            out.line("NS provider", String.join(" ", r.getNs().getProviders()));
        }
    }

    private static void dnssec(Lines out, DomainResult r, List<String> notChecked) {
        if (!skip(r.getDnssec().getSigned(), "DNSSEC", notChecked)) {
            out.line("DNSSEC signed", status(r.getDnssec().getSigned()),
                    r.getDnssec().getDs().isEmpty() ? "" : "DS " + String.join(" | ", r.getDnssec().getDs()));
        }
        if (r.getDnssec().getValidation() == DnssecStatus.not_checked) {
            notChecked.add("DNSSEC validation");
        } else {
            out.line("DNSSEC", r.getDnssec().getValidation().name(), orEmpty(r.getDnssec().getReason()));
        }
    }

    private static void caa(Lines out, CaaCheck caa, List<String> notChecked) {
        if (skip(caa.getStatus(), "CAA", notChecked)) {
            return;
        }
        out.line("CAA", status(caa.getStatus()), String.join(" | ", caa.getRecords()));
        if (!caa.getIssue().isEmpty() || !caa.getIssuewild().isEmpty()) {
            out.line("CAA issuers", "", "issue=" + String.join(",", caa.getIssue())
                    + (caa.getIssuewild().isEmpty() ? "" : " issuewild=" + String.join(",", caa.getIssuewild())));
        }
        if (!caa.getUnknownCritical().isEmpty()) {
            out.line("CAA critical", "", "unknown critical tags (no CA may issue): " + String.join(" ", caa.getUnknownCritical()));
        }
        if (caa.getInvalidReason() != null) {
            out.line("CAA invalid", "", caa.getInvalidReason());
        }
    }

    private static void mx(Lines out, MxCheck mx, List<String> notChecked) {
        if (skip(mx.getStatus(), "MX", notChecked)) {
            return;
        }
        String records = mx.getRecords().stream()
                .map(m -> m.getPreference() + " " + m.getHost())
                .collect(Collectors.joining(", "));
        List<String> flags = new ArrayList<>();
        if (mx.getNullMx()) {
            flags.add("[null MX: accepts no mail]");
        }
        if (mx.getLocalhost()) {
            flags.add("[localhost]");
        }
        if (!mx.getCnameHosts().isEmpty()) {
            flags.add("[CNAME: " + String.join(" ", mx.getCnameHosts()) + "]");
        }
        out.line("MX", status(mx.getStatus()), join(records, String.join(" ", flags)));
        if (!mx.getProviders().isEmpty()) {
            out.line("MX provider", String.join(" ", mx.getProviders()));
        }
        for (MxHost host : mx.getHosts()) {
            List<String> addresses = new ArrayList<>(host.getIpv4());
            addresses.addAll(host.getIpv6());
            out.line("MX host", status(host.getStatus()),
                    join(join(host.getName(), String.join(" ", addresses)), reverseDns(host)));
        }
    }

    /** "PTR a.example fcrdns=yes", or "" before any reverse lookup. */
    private static String reverseDns(MxHost host) {
        String ptr = host.getPtr().isEmpty() ? "" : "PTR " + String.join(" ", host.getPtr());
        String fcrdns = host.getFcrdns() == null ? "" : "fcrdns=" + (host.getFcrdns() ? "yes" : "no");
        return join(ptr, fcrdns);
    }

    private static void spf(Lines out, SpfCheck spf, List<String> notChecked) {
        if (skip(spf.getStatus(), "SPF", notChecked)) {
            return;
        }
        String details = spf.getStatus() == CheckStatus.present
                ? "all=" + spf.getAll() + (spf.getRedirect() == null ? "" : " redirect=" + spf.getRedirect())
                        + (spf.getNoMail() ? " [no mail]" : "")
                : orEmpty(spf.getPermerror());
        out.line("SPF", status(spf.getStatus()), details);
        for (String record : spf.getRecords()) {
            out.line("SPF record", "", record);
        }
        if (spf.getDnsTerms() != null) {
            out.line("SPF lookups", spf.getDnsTerms() > 10 ? "too many" : "ok",
                    "dns_terms=" + spf.getDnsTerms() + "/10 void_lookups=" + spf.getVoidLookups() + "/2"
                            + " check_host(192.0.2.1)=" + orEmpty(spf.getEvalResult()));
        }
        if (spf.getPermerror() != null && spf.getStatus() == CheckStatus.present) {
            out.line("SPF permerror", "", spf.getPermerror());
        }
    }

    private static void dkim(Lines out, DkimCheck dkim, List<String> notChecked) {
        if (dkim.getStatus() == DkimStatus.not_checked) {
            notChecked.add("DKIM");
            return;
        }
        String why = switch (dkim.getNode()) {
            case present -> "_domainkey node exists";
            case absent -> "_domainkey node does not exist";
            case error -> "_domainkey lookup failed";
            default -> "";
        };
        String keys = dkim.getKeys().isEmpty() ? "" : "; selectors: " + dkim.getKeys().stream()
                .map(k -> k.getSelector()).distinct().collect(Collectors.joining(" "));
        out.line("DKIM", dkim.getStatus().name(), why + keys);
        for (var key : dkim.getKeys()) {
            String what = !key.getValid() ? "invalid"
                    : key.getRevoked() ? key.getKeyType() + " revoked"
                    : key.getKeyType() + " " + key.getBits() + " bits";
            out.line("DKIM key", "", key.getSelector() + ": " + what);
        }
        for (String note : dkim.getNotes()) {
            out.line("DKIM note", "", note);
        }
    }

    private static void dmarc(Lines out, DmarcCheck dmarc, List<String> notChecked) {
        if (skip(dmarc.getStatus(), "DMARC", notChecked)) {
            return;
        }
        String details = dmarc.getStatus() == CheckStatus.invalid
                ? orEmpty(dmarc.getInvalidReason())
                : dmarc.getStatus() == CheckStatus.present
                        ? "p=" + orDash(dmarc.getP()) + (dmarc.getSp() == null ? "" : " sp=" + dmarc.getSp())
                                + (dmarc.getRua().isEmpty() ? "" : " rua=" + String.join(",", dmarc.getRua()))
                                + (dmarc.getRuaExternalAuthorized() == null ? ""
                                        : dmarc.getRuaExternalAuthorized() ? " (external rua authorised)"
                                        : " (external rua NOT authorised, RFC 7489 7.1)")
                        : "";
        out.line("DMARC", status(dmarc.getStatus()), details);
        for (String record : dmarc.getRecords()) {
            out.line("DMARC record", "", record);
        }
    }

    private static void bimi(Lines out, BimiCheck bimi, List<String> notChecked) {
        if (skip(bimi.getStatus(), "BIMI", notChecked)) {
            return;
        }
        String details = bimi.getStatus() == CheckStatus.present
                ? "logo=" + orDash(bimi.getLogo()) + " evidence=" + orDash(bimi.getEvidence())
                : orEmpty(bimi.getInvalidReason());
        out.line("BIMI", status(bimi.getStatus()), details);
        if (bimi.getStatus() == CheckStatus.invalid) {
            for (String record : bimi.getRecords()) {
                out.line("BIMI record", "", record);
            }
        }
    }

    private static void mtaSts(Lines out, MtaStsCheck sts, List<String> notChecked) {
        if (skip(sts.getStatus(), "MTA-STS", notChecked)) {
            return;
        }
        String details = sts.getId() != null ? "id=" + sts.getId()
                : sts.getInvalidReason() != null ? sts.getInvalidReason() + ": " + String.join(" | ", sts.getRecords())
                : String.join(" | ", sts.getRecords());
        out.line("MTA-STS", status(sts.getStatus()), details);
        if (sts.getPolicyStatus() == CheckStatus.not_checked) {
            notChecked.add("MTA-STS policy");
        } else {
            String policy = sts.getPolicyStatus() == CheckStatus.present
                    ? "mode=" + orDash(sts.getMode()) + " mx=" + String.join(",", sts.getPolicyMx())
                            + " max_age=" + sts.getMaxAge()
                            + (sts.getMxMatch() == null ? "" : sts.getMxMatch() ? "  every MX matches" : "  an MX does not match")
                    : orEmpty(sts.getInvalidReason());
            out.line("MTA-STS policy", status(sts.getPolicyStatus()), policy);
        }
    }

    private static void tlsRpt(Lines out, TlsRptCheck rpt, List<String> notChecked) {
        if (skip(rpt.getStatus(), "TLS-RPT", notChecked)) {
            return;
        }
        String details = !rpt.getRua().isEmpty() ? "rua=" + String.join(",", rpt.getRua())
                : rpt.getInvalidReason() != null ? rpt.getInvalidReason() + ": " + String.join(" | ", rpt.getRecords())
                : String.join(" | ", rpt.getRecords());
        out.line("TLS-RPT", status(rpt.getStatus()), details);
    }

    private static void target(Lines out, String name, TargetCheck check, List<String> notChecked) {
        if (!skip(check.getStatus(), name, notChecked)) {
            out.line(name, status(check.getStatus()), String.join(" ", check.getTargets()));
        }
    }

    /** Client discovery, Microsoft 365 evidence, and checks this printer has no line for yet. */
    private static void later(Lines out, DomainResult r, List<String> notChecked) {
        target(out, "Autodiscover", r.getAutodiscover(), notChecked);
        target(out, "Lyncdiscover", r.getLyncdiscover(), notChecked);
        target(out, "SIP federation", r.getSipFederation(), notChecked);
        if (!r.getM365().getEvidence().isEmpty()) {
            out.line("M365 evidence", String.join(" ", r.getM365().getEvidence()));
        }
        if (r.getM365().getStatus() == CheckStatus.not_checked) {
            notChecked.add("M365 tenant");
        } else {
            out.line("M365 tenant", status(r.getM365().getStatus()), orEmpty(r.getM365().getTenantId()));
        }
        var txt = r.getSecurityTxt();
        if (txt.getStatus() == SecurityTxtStatus.not_checked) {
            notChecked.add("security.txt");
        } else {
            out.line("security.txt", txt.getStatus().name().toLowerCase(Locale.ROOT), join(orEmpty(txt.getUrl()),
                    join(txt.getContact() == null ? "" : "Contact: " + txt.getContact(),
                            txt.getExpires() == null ? "" : "Expires: " + txt.getExpires())));
        }
    }

    private static boolean skip(CheckStatus status, String name, List<String> notChecked) {
        if (status == CheckStatus.not_checked) {
            notChecked.add(name);
            return true;
        }
        return false;
    }

    private static String status(CheckStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String join(String a, String b) {
        return b.isEmpty() ? a : a.isEmpty() ? b : a + "  " + b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orDash(String s) {
        return s == null ? NONE : s;
    }

    /** Aligned "Label:  status  details" lines. */
    private static final class Lines {
        private final StringBuilder sb = new StringBuilder();

        /** Record contents come from the network: control characters are shown, never sent to the terminal. */
        void raw(String line) {
            sb.append(Escapes.text(line)).append('\n');
        }

        void line(String label, String value) {
            raw(String.format("%-15s %s", label + ":", value).stripTrailing());
        }

        void line(String label, String status, String details) {
            raw(String.format("%-15s %-8s %s", label + ":", status, details).stripTrailing());
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}

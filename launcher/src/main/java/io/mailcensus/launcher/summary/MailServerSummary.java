package io.mailcensus.launcher.summary;

import io.mailcensus.report.format.Escapes;
import io.mailcensus.schemas.Certificate;
import io.mailcensus.schemas.CheckStatus;
import io.mailcensus.schemas.ConnectStatus;
import io.mailcensus.schemas.MailServerResult;
import io.mailcensus.schemas.StarttlsStatus;
import io.mailcensus.schemas.TlsStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mail-server part of {@code mailcensus check DOMAIN}: one line per (host, IP) probe, then
 * the domain's roll-ups with the report's definitions (starttls.sql, dane.sql): a host did TLS
 * when any of its addresses did STARTTLS and the handshake; a host is DANE-valid when one of its
 * addresses matched its TLSA and none failed (an opted-out or unreachable address decides nothing).
 */
public final class MailServerSummary {

    private MailServerSummary() {}

    public static String render(List<MailServerResult> servers) {
        StringBuilder out = new StringBuilder();
        if (servers.isEmpty()) {
            return out.append(line("Mail servers", "none probed")).toString();
        }
        List<MailServerResult> sorted = servers.stream()
                .sorted(Comparator.comparing(MailServerResult::getHost).thenComparing(MailServerResult::getIp))
                .toList();
        out.append(line("Mail servers", sorted.size() + " probed (host, IP) pairs"));
        for (MailServerResult s : sorted) {
            // greetings, errors and certificate names come from the server: escaped as in the text report
            out.append("  ").append(Escapes.text(s.getHost() + " " + s.getIp() + ": " + describe(s))).append('\n');
        }
        Map<String, List<MailServerResult>> byHost = new LinkedHashMap<>();
        sorted.forEach(s -> byHost.computeIfAbsent(s.getHost(), h -> new java.util.ArrayList<>()).add(s));
        long tlsHosts = byHost.values().stream().filter(l -> l.stream().anyMatch(MailServerSummary::didTls)).count();
        long reached = byHost.values().stream().filter(l -> l.stream().anyMatch(s -> s.getConnect() == ConnectStatus.ok)).count();
        long tlsaHosts = byHost.values().stream().filter(l -> l.stream().anyMatch(s -> s.getTlsaStatus() == CheckStatus.present)).count();
        // As the report's dane.sql: a host is valid when one of its addresses matched and none
        // failed; an address without a verdict (opted out, unreachable) decides nothing.
        long daneValid = byHost.values().stream()
                .filter(l -> l.stream().anyMatch(s -> Boolean.TRUE.equals(s.getDaneValid()))
                        && l.stream().noneMatch(s -> Boolean.FALSE.equals(s.getDaneValid())))
                .count();
        String starttls = reached == 0 ? "unknown (no MX host reached)"
                : tlsHosts == byHost.size() ? "all MX hosts"
                : tlsHosts > 0 ? "some MX hosts (" + tlsHosts + " of " + byHost.size() + ")"
                : "none";
        out.append(line("STARTTLS", starttls));
        String dane = tlsaHosts == 0 ? "no TLSA"
                : (tlsaHosts == byHost.size() ? "TLSA on all MX hosts" : "TLSA on " + tlsaHosts + " of " + byHost.size() + " MX hosts")
                        + (daneValid == byHost.size() ? ", all valid" : ", " + daneValid + " valid");
        out.append(line("DANE", dane));
        TreeSet<String> software = new TreeSet<>();
        TreeSet<String> issuers = new TreeSet<>();
        for (MailServerResult s : sorted) {
            if (s.getConnect() == ConnectStatus.ok) {
                software.add(s.getSoftware().name());
            }
            if (!s.getChain().isEmpty()) {
                Certificate leaf = s.getChain().getFirst();
                issuers.add(leaf.getIssuerOrg() != null ? leaf.getIssuerOrg() : leaf.getIssuer());
            }
        }
        out.append(line("Software", software.isEmpty() ? "-" : String.join(", ", software)));
        out.append(line("Cert issuers", issuers.isEmpty() ? "-" : String.join(", ", issuers)));
        return out.toString();
    }

    private static boolean didTls(MailServerResult s) {
        return s.getStarttls() == StarttlsStatus.accepted && s.getTls() == TlsStatus.ok;
    }

    private static String describe(MailServerResult s) {
        if (s.getConnect() != ConnectStatus.ok) {
            return s.getConnect().name() + (s.getError() == null ? "" : " (" + s.getError() + ")");
        }
        StringBuilder d = new StringBuilder(s.getSoftware().name());
        d.append(", STARTTLS ").append(s.getStarttls().name());
        if (s.getTls() == TlsStatus.ok) {
            d.append(", ").append(s.getTlsProtocol()).append(' ').append(s.getTlsCipher());
        } else if (s.getTls() == TlsStatus.failed) {
            d.append(", TLS failed (").append(s.getTlsError()).append(')');
        }
        if (s.getPkixValid() != null) {
            d.append(", certificate ").append(s.getPkixValid() ? "valid" : "not valid");
            if (!Boolean.TRUE.equals(s.getHostnameMatch())) {
                d.append(", wrong name");
            }
            if (Boolean.TRUE.equals(s.getExpired())) {
                d.append(", expired");
            }
        }
        if (s.getTlsaStatus() == CheckStatus.present) {
            d.append(", TLSA ").append(s.getTlsaDnssec().name()).append(' ')
                    .append(s.getDaneValid() == null ? "(DANE n/a)" : s.getDaneValid() ? "DANE valid" : "DANE failed");
        } else if (s.getTlsaStatus() == CheckStatus.error) {
            d.append(", TLSA lookup failed");
        }
        if (s.getError() != null) {
            d.append(" [").append(s.getError()).append(']');
        }
        if (s.getAnswerOf() != null) {
            d.append(" (from ").append(s.getAnswerOf()).append("'s connection to this address)");
        }
        return d.toString();
    }

    private static String line(String label, String value) {
        return String.format("%-15s %s%n", label + ":", Escapes.text(value));
    }
}

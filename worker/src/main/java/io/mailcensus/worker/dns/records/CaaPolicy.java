package io.mailcensus.worker.dns.records;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * What a domain's CAA record set says (RFC 8659 4): who may issue certificates
 * ({@code issue}), who may issue wildcard ones ({@code issuewild}), where to report
 * ({@code iodef}). Tags match case-insensitively; unknown tags are ignored here.
 *
 * @param issue issuer domain names, lower case, sorted; ";" stands for an empty issuer
 *     ({@code 0 issue ";"}: no CA may issue)
 */
public record CaaPolicy(List<String> issue, List<String> issuewild, List<String> iodef) {

    /** Marks a property with an empty issuer-domain-name: issuance forbidden. */
    public static final String NO_ISSUER = ";";

    /** One CAA record: flags, property tag and value as they arrived. */
    public record Entry(int flags, String tag, String value) {}

    public CaaPolicy {
        issue = List.copyOf(issue);
        issuewild = List.copyOf(issuewild);
        iodef = List.copyOf(iodef);
    }

    public static CaaPolicy of(List<Entry> entries) {
        TreeSet<String> issue = new TreeSet<>();
        TreeSet<String> issuewild = new TreeSet<>();
        TreeSet<String> iodef = new TreeSet<>();
        for (Entry e : entries) {
            switch (e.tag().toLowerCase(Locale.ROOT)) {
                case "issue" -> issue.add(issuer(e.value()));
                case "issuewild" -> issuewild.add(issuer(e.value()));
                case "iodef" -> iodef.add(Wsp.trim(e.value()));
                default -> { } // issuemail, issuevmc, contactemail ...: kept in the raw records
            }
        }
        return new CaaPolicy(List.copyOf(issue), List.copyOf(issuewild), List.copyOf(iodef));
    }

    /**
     * RFC 8659 4.2: issue-value = *WSP [issuer-domain-name *WSP] [";" *WSP [parameters *WSP]].
     * The issuer is what comes before the first ';'.
     */
    static String issuer(String value) {
        int semicolon = value.indexOf(';');
        String name = Wsp.trim(semicolon < 0 ? value : value.substring(0, semicolon));
        return name.isEmpty() ? NO_ISSUER : name.toLowerCase(Locale.ROOT);
    }
}

package io.mailcensus.worker.dns.records;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a domain's CAA record set says (RFC 8659 4): who may issue certificates
 * ({@code issue}), who may issue wildcard ones ({@code issuewild}), where to report
 * ({@code iodef}). Tags match case-insensitively. A record with the critical flag (bit 0, value
 * 128) whose tag a CA does not know forbids issuance (RFC 8659 4.1): such tags are listed in
 * {@code unknownCritical}.
 *
 * @param issue issuer domain names, lower case, sorted; ";" stands for an empty issuer
 *     ({@code 0 issue ";"}: no CA may issue)
 * @param unknownCritical tags (lower case, sorted) of critical records outside {@link #KNOWN_TAGS}
 * @param invalidReason the first value that breaks the RFC 8659 grammar, null when all parse
 */
public record CaaPolicy(List<String> issue, List<String> issuewild, List<String> iodef,
        List<String> unknownCritical, String invalidReason) {

    /** Marks a property with an empty issuer-domain-name: issuance forbidden. */
    public static final String NO_ISSUER = ";";

    /** The critical flag, bit 0 of the flags octet (RFC 8659 4.1). */
    public static final int CRITICAL = 128;

    /**
     * Tags CAs know: RFC 8659's three, issuemail (RFC 9495), issuevmc (BIMI's VMC issuers) and
     * contactemail / contactphone (CA/Browser Forum baseline requirements).
     */
    public static final Set<String> KNOWN_TAGS =
            Set.of("issue", "issuewild", "iodef", "issuemail", "issuevmc", "contactemail", "contactphone");

    /** RFC 8659 4.2 label, also the parameter tag syntax: (ALPHA / DIGIT) *( *("-") (ALPHA / DIGIT)). */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]+(-+[A-Za-z0-9]+)*");

    private static final Pattern ISSUER = Pattern.compile(LABEL.pattern() + "(\\." + LABEL.pattern() + ")*");

    /** RFC 8659 4.2 parameter value: *(%x21-3A / %x3C-7E). */
    private static final Pattern PARAMETER_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C-\\x7E]*");

    /** One CAA record: flags, property tag and value as they arrived. */
    public record Entry(int flags, String tag, String value) {}

    /**
     * A parsed issue / issuewild value.
     *
     * @param issuer lower case, or {@link #NO_ISSUER} when empty
     * @param parameters in order, tags as written
     * @param invalidReason null when the value follows the issue-value grammar
     */
    public record IssueValue(String issuer, Map<String, String> parameters, String invalidReason) {}

    public CaaPolicy {
        issue = List.copyOf(issue);
        issuewild = List.copyOf(issuewild);
        iodef = List.copyOf(iodef);
        unknownCritical = List.copyOf(unknownCritical);
    }

    public static CaaPolicy of(List<Entry> entries) {
        TreeSet<String> issue = new TreeSet<>();
        TreeSet<String> issuewild = new TreeSet<>();
        TreeSet<String> iodef = new TreeSet<>();
        TreeSet<String> unknownCritical = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Entry e : entries) {
            String tag = e.tag().toLowerCase(Locale.ROOT);
            switch (tag) {
                case "issue", "issuewild" -> {
                    IssueValue v = issueValue(e.value());
                    (tag.equals("issue") ? issue : issuewild).add(v.issuer());
                    if (v.invalidReason() != null) {
                        problems.add(tag + " \"" + e.value() + "\": " + v.invalidReason());
                    }
                }
                case "iodef" -> {
                    String url = Wsp.trim(e.value());
                    iodef.add(url);
                    String reason = iodefProblem(url);
                    if (reason != null) {
                        problems.add("iodef \"" + e.value() + "\": " + reason);
                    }
                }
                default -> { } // issuemail, issuevmc, contactemail ...: kept in the raw records
            }
            if ((e.flags() & CRITICAL) != 0 && !KNOWN_TAGS.contains(tag)) {
                unknownCritical.add(tag);
            }
        }
        return new CaaPolicy(List.copyOf(issue), List.copyOf(issuewild), List.copyOf(iodef),
                List.copyOf(unknownCritical), problems.isEmpty() ? null : problems.getFirst());
    }

    /** The issuer of an issue / issuewild value: what comes before the first ';'. */
    static String issuer(String value) {
        return issueValue(value).issuer();
    }

    /**
     * RFC 8659 4.2: issue-value = *WSP [issuer-domain-name *WSP] [";" *WSP [parameters *WSP]],
     * parameters separated by ';', each {@code tag *WSP "=" *WSP value}.
     */
    public static IssueValue issueValue(String value) {
        int semicolon = value.indexOf(';');
        String name = Wsp.trim(semicolon < 0 ? value : value.substring(0, semicolon));
        String issuer = name.isEmpty() ? NO_ISSUER : name.toLowerCase(Locale.ROOT);
        String problem = name.isEmpty() || ISSUER.matcher(name).matches() ? null : "issuer '" + name + "' is not a domain name";
        Map<String, String> parameters = new LinkedHashMap<>();
        if (semicolon >= 0) {
            String rest = Wsp.trim(value.substring(semicolon + 1));
            if (!rest.isEmpty()) {
                for (String part : rest.split(";", -1)) {
                    String parameter = Wsp.trim(part);
                    int eq = parameter.indexOf('=');
                    String tag = eq < 0 ? parameter : Wsp.trim(parameter.substring(0, eq));
                    String v = eq < 0 ? "" : Wsp.trim(parameter.substring(eq + 1));
                    if (eq < 0 || !LABEL.matcher(tag).matches() || !PARAMETER_VALUE.matcher(v).matches()) {
                        problem = problem != null ? problem : "parameter '" + parameter + "' is not tag=value";
                        continue;
                    }
                    parameters.put(tag, v);
                }
            }
        }
        return new IssueValue(issuer, parameters, problem);
    }

    /** RFC 8659 4.4: an iodef URL is mailto:, http: or https:. */
    static String iodefProblem(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("mailto", "http", "https").contains(scheme) || uri.getRawSchemeSpecificPart().isEmpty()) {
                return "not a mailto:, http: or https: URL";
            }
            return null;
        } catch (URISyntaxException e) {
            return "not a URL";
        }
    }
}

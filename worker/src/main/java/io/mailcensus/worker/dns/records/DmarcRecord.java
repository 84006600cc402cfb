package io.mailcensus.worker.dns.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed DMARC record (RFC 7489, updated by RFC 9989 where they differ). Values are stored
 * normalised to lower case, and only when valid; {@code invalidReason} names the first problem.
 *
 * <p>Decisions where sources disagree: tags may come in any order after {@code v} (RFC 9989;
 * RFC 7489's ABNF wanted {@code p} second); {@code ri} and {@code rf} are unknown tags now
 * (RFC 9989 removed them) and unknown tags are ignored; {@code pct} is still checked (0-100)
 * because we report it; an invalid {@code sp}, {@code np}, {@code adkim} ... makes the record
 * invalid even when {@code p} is fine; a missing {@code p} is allowed when a valid {@code rua}
 * is present (RFC 7489 6.6.3: treated as p=none).
 */
public record DmarcRecord(String p, String sp, String np, Integer pct, List<String> rua,
        List<String> ruf, String adkim, String aspf, String fo, String t, String invalidReason) {

    private static final Pattern CANDIDATE = Pattern.compile("[ \\t]*v[ \\t]*=[ \\t]*dmarc1.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");
    private static final Pattern FO = Pattern.compile("[01ds]([ \\t]*:[ \\t]*[01ds])*");
    private static final Pattern PCT = Pattern.compile("[0-9]{1,3}");

    public DmarcRecord {
        rua = List.copyOf(rua);
        ruf = List.copyOf(ruf);
    }

    public boolean valid() {
        return invalidReason == null;
    }

    /**
     * Whether a TXT at {@code _dmarc} is meant as a DMARC record: it starts with a {@code v} tag
     * whose value begins "DMARC1" in any case. Such a record is then reported valid or invalid;
     * anything else there (an SPF record, a verification token) is not DMARC at all.
     */
    public static boolean isCandidate(String text) {
        return CANDIDATE.matcher(text).matches();
    }

    public static DmarcRecord invalid(String reason) {
        return new DmarcRecord(null, null, null, null, List.of(), List.of(), null, null, null, null, reason);
    }

    public static DmarcRecord parse(String text) {
        TagList tags;
        try {
            tags = TagList.parse(text);
            tags.requireVersionFirst("DMARC1", false);
            tags.requireNoDuplicates();
            tags.requireNames(TagList.DKIM_TAG_NAME);
        } catch (SyntaxError e) {
            return invalid(e.getMessage());
        }
        Reasons reasons = new Reasons();
        String p = reasons.check(() -> policy(tags, "p"));
        String sp = reasons.check(() -> policy(tags, "sp"));
        String np = reasons.check(() -> policy(tags, "np"));
        Integer pct = reasons.check(() -> pct(tags));
        List<String> rua = reasons.check(() -> uris(tags, "rua"));
        List<String> ruf = reasons.check(() -> uris(tags, "ruf"));
        String adkim = reasons.check(() -> oneOf(tags, "adkim", Set.of("r", "s")));
        String aspf = reasons.check(() -> oneOf(tags, "aspf", Set.of("r", "s")));
        String fo = reasons.check(() -> fo(tags));
        String t = reasons.check(() -> oneOf(tags, "t", Set.of("y", "n")));
        reasons.check(() -> oneOf(tags, "psd", Set.of("y", "n", "u")));
        if (p == null && tags.first("p").isEmpty() && (rua == null || rua.isEmpty())) {
            reasons.add("missing p tag (and no rua, RFC 7489 6.6.3)");
        }
        return new DmarcRecord(p, sp, np, pct, rua == null ? List.of() : rua,
                ruf == null ? List.of() : ruf, adkim, aspf, fo, t, reasons.first());
    }

    private static String policy(TagList tags, String name) throws SyntaxError {
        return oneOf(tags, name, POLICIES);
    }

    private static String oneOf(TagList tags, String name, Set<String> allowed) throws SyntaxError {
        Optional<String> value = tags.first(name);
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new SyntaxError(name + "=" + value.get() + " is not one of " + new java.util.TreeSet<>(allowed));
        }
        return v;
    }

    private static Integer pct(TagList tags) throws SyntaxError {
        Optional<String> value = tags.first("pct");
        if (value.isEmpty()) {
            return null;
        }
        if (!PCT.matcher(value.get()).matches() || Integer.parseInt(value.get()) > 100) {
            throw new SyntaxError("pct=" + value.get() + " is not an integer 0-100");
        }
        return Integer.parseInt(value.get());
    }

    private static String fo(TagList tags) throws SyntaxError {
        Optional<String> value = tags.first("fo");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().toLowerCase(Locale.ROOT);
        if (!FO.matcher(v).matches()) {
            throw new SyntaxError("fo=" + value.get() + " is not a ':'-list of 0, 1, d, s");
        }
        return v.replaceAll("[ \\t]", "");
    }

    private static List<String> uris(TagList tags, String name) throws SyntaxError {
        Optional<String> value = tags.first(name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> uris = ReportUris.split(name, value.get());
        for (String uri : uris) {
            ReportUris.checkDmarcUri(name, uri);
        }
        return uris;
    }

    /** Collects the reasons a record is invalid while still reading its other tags. */
    private static final class Reasons {
        private final List<String> reasons = new ArrayList<>();

        interface Step<T> {
            T run() throws SyntaxError;
        }

        <T> T check(Step<T> step) {
            try {
                return step.run();
            } catch (SyntaxError e) {
                reasons.add(e.getMessage());
                return null;
            }
        }

        void add(String reason) {
            reasons.add(reason);
        }

        String first() {
            return reasons.isEmpty() ? null : reasons.getFirst();
        }
    }
}

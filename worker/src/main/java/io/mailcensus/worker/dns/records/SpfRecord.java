package io.mailcensus.worker.dns.records;

import io.mailcensus.schemas.SpfAll;
import java.util.Locale;

/**
 * The first-step reading of one SPF record (RFC 7208): the {@code all} qualifier, the
 * {@code redirect} target and whether it forbids all mail. Syntax checking and
 * {@code check_host()} evaluation come later; this never fails on odd input.
 *
 * @param redirect the redirect modifier's domain-spec as written, or null
 * @param noMail the record is exactly {@code v=spf1 -all} (case-insensitive, trimmed)
 */
public record SpfRecord(String text, SpfAll all, String redirect, boolean noMail) {

    private static final String VERSION = "v=spf1";

    /**
     * RFC 7208 4.5: a record starts with the version section "v=spf1" (case-insensitive, as an
     * ABNF string), followed by a space or the end. So "v=spf10", "spf2.0/pra" and
     * " v=spf1" (leading space) are not SPF records.
     */
    public static boolean isSpf(String text) {
        return text.regionMatches(true, 0, VERSION, 0, VERSION.length())
                && (text.length() == VERSION.length() || text.charAt(VERSION.length()) == ' ');
    }

    /** Reads a record that {@link #isSpf} accepted. */
    public static SpfRecord parse(String text) {
        SpfAll all = SpfAll.none;
        String redirect = null;
        String[] terms = text.substring(Math.min(VERSION.length(), text.length())).split(" +");
        for (String term : terms) {
            if (term.isEmpty()) {
                continue;
            }
            if (all == SpfAll.none && isAll(term)) {
                // Evaluation stops at the first "all"; later terms never count (RFC 7208 5.1).
                all = qualifier(term.charAt(0));
            } else if (redirect == null && term.regionMatches(true, 0, "redirect=", 0, 9)) {
                redirect = term.substring(9);
            }
        }
        boolean noMail = text.strip().equalsIgnoreCase("v=spf1 -all");
        return new SpfRecord(text, all, redirect, noMail);
    }

    private static boolean isAll(String term) {
        String bare = "+-~?".indexOf(term.charAt(0)) >= 0 ? term.substring(1) : term;
        return bare.toLowerCase(Locale.ROOT).equals("all");
    }

    private static SpfAll qualifier(char first) {
        return switch (first) {
            case '-' -> SpfAll.fail;
            case '~' -> SpfAll.softfail;
            case '?' -> SpfAll.neutral;
            default -> SpfAll.pass; // '+' or no qualifier
        };
    }
}

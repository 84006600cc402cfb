package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts.SpfAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws the SPF TXT records of a domain that sends mail, and says what a strict parser must see. */
final class SpfVariants {

    private final Dice dice;

    SpfVariants(Dice dice) {
        this.dice = dice;
    }

    /**
     * The outcome: TXT records (each a list of character-strings) and the facts they imply.
     *
     * @param spfRecords records that are SPF (decoys excluded)
     */
    record Spf(List<List<String>> txt, int spfRecords, SpfAll all, boolean redirect, boolean noMail, List<String> cases) {
        static Spf none() {
            return new Spf(List.of(), 0, SpfAll.NONE, false, false, List.of());
        }

        static Spf noMailRecord() {
            return new Spf(List.of(List.of("v=spf1 -all")), 1, SpfAll.FAIL, false, true, List.of("spf:no-mail"));
        }
    }

    /**
     * SPF for a domain with usable MX hosts.
     *
     * @param mechanisms the domain's own mechanisms, e.g. {@code mx a} or {@code include:_spf.x}
     * @param redirectTarget a domain with an SPF record, for {@code redirect=}
     */
    Spf forMailDomain(String mechanisms, String redirectTarget) {
        List<String> cases = new ArrayList<>();
        int kind = dice.weighted(2, 2, 3, 93); // multiple, decoy only, exactly "v=spf1 -all", one record
        if (kind == 0) {
            // Several records make a permerror; none has an "all" or a redirect, so the
            // all-qualifier and redirect metrics agree whichever record a scanner looks at.
            cases.add("spf:multiple");
            return new Spf(List.of(List.of("v=spf1 " + mechanisms), List.of("v=spf1 ip4:" + "127.99.0.1")),
                    2, SpfAll.NONE, false, false, cases);
        }
        if (kind == 1) {
            cases.add("spf:decoy-only");
            String decoy = dice.chance(0.6) ? "spf2.0/pra " + mechanisms + " -all" : "v=spf10 " + mechanisms + " -all";
            return new Spf(List.of(List.of(decoy)), 0, SpfAll.NONE, false, false, cases);
        }
        if (kind == 2) {
            return Spf.noMailRecord();
        }

        // The seed's shares of domains with MX: redirect 17.15%, -all 24.52% (2.99% of it the bare
        // "v=spf1 -all" above), ~all 30.82%; the rest (?all, +all, no all) about 5%.
        int ending = dice.weighted(23, 28.5, 41, 4, 1, 2.5); // redirect, -all, ~all, ?all, +all, nothing
        SpfAll all = switch (ending) {
            case 1 -> SpfAll.FAIL;
            case 2 -> SpfAll.SOFTFAIL;
            case 3 -> SpfAll.NEUTRAL;
            case 4 -> SpfAll.PASS;
            default -> SpfAll.NONE;
        };
        boolean redirect = ending == 0;
        String body = mechanisms;
        boolean longRecord = dice.chance(0.02);
        if (longRecord) {
            StringBuilder ips = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                ips.append("ip4:127.98.").append(dice.between(0, 256)).append('.').append(dice.between(1, 255)).append(' ');
            }
            body = ips + body;
            cases.add("spf:long");
        }
        String record = "v=spf1 " + body + switch (ending) {
            case 0 -> " redirect=" + redirectTarget;
            case 1 -> " -all";
            case 2 -> " ~all";
            case 3 -> " ?all";
            case 4 -> " +all";
            default -> "";
        };
        if (all == SpfAll.NONE && !redirect) {
            cases.add("spf:no-all");
        }
        if (redirect) {
            cases.add("spf:redirect");
        }
        if (dice.chance(0.02)) {
            record = record.toUpperCase(Locale.ROOT); // the version and the terms are case-insensitive
            cases.add("spf:uppercase");
        }
        List<String> strings;
        if (longRecord) {
            strings = RecordList.chunks(record);
        } else if (dice.chance(0.10)) {
            strings = splitAnywhere(record);
            cases.add("spf:split");
        } else {
            strings = List.of(record);
        }
        List<List<String>> txt = new ArrayList<>();
        txt.add(strings);
        if (dice.chance(0.05)) {
            txt.add(List.of("spf2.0/pra " + mechanisms + " -all")); // Sender ID, not SPF
            cases.add("spf:with-spf2");
        }
        return new Spf(txt, 1, all, redirect, false, cases);
    }

    /**
     * Cuts a record into two or three character-strings at arbitrary places, even inside a
     * term: RFC 7208 3.3 joins them without a separator before parsing.
     */
    private List<String> splitAnywhere(String record) {
        int pieces = dice.chance(0.5) ? 2 : 3;
        List<Integer> cuts = new ArrayList<>();
        while (cuts.size() < pieces - 1) {
            int cut = dice.between(1, record.length());
            if (!cuts.contains(cut)) {
                cuts.add(cut);
            }
        }
        cuts.sort(null);
        List<String> strings = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            strings.add(record.substring(from, cut));
            from = cut;
        }
        strings.add(record.substring(from));
        return strings;
    }
}

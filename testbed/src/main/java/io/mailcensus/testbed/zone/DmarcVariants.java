package io.mailcensus.testbed.zone;

import io.mailcensus.testbed.truth.DomainFacts.Dmarc;
import io.mailcensus.testbed.truth.DomainFacts.DmarcPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws a {@code _dmarc} TXT record and says what a strict parser must see. */
final class DmarcVariants {

    /** Broken records: a bad or empty {@code p=} and no {@code rua}, so RFC 7489 6.6.3 gives no fallback. */
    private static final List<String> INVALID = List.of(
            "v=DMARC1; p=bogus", "v=DMARC1; p=", "v=DMARC1; p=rejected", "v=DMARC1;p=none2; pct=100");

    private final Dice dice;

    DmarcVariants(Dice dice) {
        this.dice = dice;
    }

    record Record(List<String> strings, Dmarc kind, DmarcPolicy policy, boolean rua, List<String> cases) {
        static Record none() {
            return new Record(List.of(), Dmarc.NONE, null, false, List.of());
        }
    }

    /** DMARC for a domain in the {@code mx} base: about 12% valid, 1% invalid. */
    Record forMailDomain(String domain) {
        int kind = dice.weighted(1, 12, 87); // invalid, valid, none
        if (kind == 0) {
            return new Record(List.of(dice.pick(INVALID)), Dmarc.INVALID, null, false, List.of("dmarc:invalid"));
        }
        if (kind == 1) {
            DmarcPolicy policy = DmarcPolicy.values()[dice.weighted(55, 20, 25)];
            return valid(domain, policy, dice.chance(0.31)); // the seed: rua on 3.51% of 11.26%
        }
        return Record.none();
    }

    Record valid(String domain, DmarcPolicy policy, boolean rua) {
        List<String> cases = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        tags.add("v=DMARC1");
        tags.add("p=" + policy.name().toLowerCase(Locale.ROOT));
        if (policy != DmarcPolicy.NONE && dice.chance(0.3)) {
            tags.add("sp=" + policy.name().toLowerCase(Locale.ROOT));
        }
        if (rua) {
            boolean external = dice.chance(0.5);
            tags.add("rua=mailto:" + (external ? "reports@" + Infrastructure.DMARC_COLLECTOR : "dmarc@" + domain));
            if (external) {
                cases.add("dmarc:rua-external");
            }
        }
        if (dice.chance(0.2)) {
            tags.add("adkim=s");
            tags.add("aspf=r");
        }
        if (dice.chance(0.1)) {
            tags.add("pct=100");
        }
        String text = String.join(dice.chance(0.2) ? ";" : "; ", tags);
        if (dice.chance(0.1)) {
            text += ";";
        }
        List<String> strings = List.of(text);
        if (dice.chance(0.05)) {
            int cut = dice.between(1, text.length());
            strings = List.of(text.substring(0, cut), text.substring(cut));
            cases.add("dmarc:split");
        }
        return new Record(strings, Dmarc.VALID, policy, rua, cases);
    }
}

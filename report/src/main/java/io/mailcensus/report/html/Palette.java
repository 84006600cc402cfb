package io.mailcensus.report.html;

import java.util.List;

/**
 * The Okabe-Ito colours, chosen to stay distinguishable for colour-blind readers; yellow is
 * replaced by a dark grey because it vanishes on white.
 */
public final class Palette {

    private static final List<String> COLOURS =
            List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#444444");

    private Palette() {}

    /** The i-th colour, cycling. */
    public static String colour(int index) {
        return COLOURS.get(Math.floorMod(index, COLOURS.size()));
    }
}

package io.mailcensus.testbed.zone;

import java.net.IDN;
import java.util.List;

/**
 * Second-level labels that read like a Swiss registry's. Every label ends in {@code -<index in
 * base 36>}, so labels are unique without remembering the ones already given out.
 */
final class NameFactory {

    private static final List<String> WORDS = List.of(
            "alpen", "berg", "see", "holz", "bau", "treuhand", "praxis", "hotel", "immo", "velo",
            "cafe", "design", "media", "consult", "garage", "malerei", "weingut", "fitness", "reisen",
            "schule", "verein", "kanzlei", "druck", "optik", "blumen", "sport", "technik", "energie",
            "solar", "garten", "metzgerei", "elektro", "sanitaer", "dach", "zahnarzt", "physio",
            "pizzeria", "kaese", "uhren", "schmuck", "foto", "musik", "kita", "spitex", "logistik",
            "transport", "informatik", "web", "shop", "haus", "swiss", "helvetia", "lac", "mont");

    /** Words with letters outside ASCII, so the label becomes an A-label ({@code xn--}). */
    private static final List<String> UNICODE_WORDS = List.of(
            "zürich", "bäckerei", "café", "genève", "müller", "schön", "küche", "früh", "grün",
            "möbel", "über", "gärtnerei", "neuchâtel", "délice", "crème", "forêt", "château", "bündner");

    private final Dice dice;

    NameFactory(Dice dice) {
        this.dice = dice;
    }

    Label ascii(int index) {
        String label = dice.pick(WORDS) + dice.pick(WORDS) + "-" + Integer.toString(index, 36);
        return new Label(label, label);
    }

    Label idn(int index) {
        String unicode = dice.pick(UNICODE_WORDS) + dice.pick(WORDS) + "-" + Integer.toString(index, 36);
        return new Label(IDN.toASCII(unicode, IDN.USE_STD3_ASCII_RULES), unicode);
    }

    /** A label in both forms; equal when the name is plain ASCII. */
    record Label(String ascii, String unicode) {}
}

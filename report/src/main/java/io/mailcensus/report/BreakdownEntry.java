package io.mailcensus.report;

/** One row of a top-N breakdown: how many domains of the base have this name, and their share. */
public record BreakdownEntry(String name, long count, double pct) {

    /** The name of the last row of every breakdown: the domains of the base in none of the others. */
    public static final String OTHER = "other";
}

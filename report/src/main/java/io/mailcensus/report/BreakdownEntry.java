package io.mailcensus.report;

/** One row of a top-N breakdown: how many domains of the base have this name, and their share. */
public record BreakdownEntry(String name, long count, double pct) {}

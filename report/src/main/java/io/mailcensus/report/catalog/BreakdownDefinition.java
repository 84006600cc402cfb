package io.mailcensus.report.catalog;

/**
 * A top-N breakdown of report.md: its SQL file returns rows {@code (name, domains)}, best first.
 *
 * @param name the breakdown's key in the JSON report
 */
public record BreakdownDefinition(String name, Base base, Section section, String sqlFile, String label) {}

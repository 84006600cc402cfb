package io.mailcensus.report.catalog;

/** The sets a metric's percentage is taken of (report.md, "Bases"). */
public enum Base {
    /** Every domain of the scan. */
    ALL("all"),
    /** Domains with at least one MX record, null MX and localhost MX included. */
    MX("mx"),
    /** Domains in {@link #MX} with at least one usable MX host (not null MX, not localhost). */
    MAIL("mail"),
    /** Domains in {@link #MAIL} where at least one MX host completed a TLS handshake. */
    STARTTLS("starttls");

    private final String label;

    Base(String label) {
        this.label = label;
    }

    /** The name used in the JSON report and in the SQL files' {@code base.<label>} columns. */
    public String label() {
        return label;
    }

    /** The SQL output column that carries this base's size. */
    public String column() {
        return "base." + label;
    }
}

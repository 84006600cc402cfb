package io.mailcensus.core.name;

/** Why an input line is not a domain name mailcensus can scan. */
public enum Rejection {
    URL("a URL, not a domain name"),
    EMAIL("an e-mail address, not a domain name"),
    WHITESPACE("contains whitespace"),
    SINGLE_LABEL("a single label (a TLD or a host name), not a domain"),
    EMPTY_LABEL("an empty label (two dots in a row or a leading dot)"),
    LABEL_TOO_LONG("a label longer than 63 octets"),
    NAME_TOO_LONG("longer than 253 octets"),
    BAD_CHARACTER("a character not allowed in a host name"),
    BAD_HYPHEN("a label starts or ends with a hyphen"),
    BAD_IDN("an internationalised name that IDNA 2008 (UTS #46) rejects"),
    NUMERIC_TLD("an all-numeric top-level label (an IP address?)"),
    /** The line is not UTF-8 (e.g. a Latin-1 export): the whole line is rejected, the rest of the input read. */
    NOT_UTF8("not UTF-8 text"),
    /** Longer than any name with a comment after it; skipped to the next newline, never held in memory. */
    LINE_TOO_LONG("a line longer than 1,024 bytes"),
    BAD_RECORD("a zone-file record that does not parse"),
    INCLUDE("a zone-file $INCLUDE outside --zone-include-dir (not opened)");

    private final String description;

    Rejection(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}

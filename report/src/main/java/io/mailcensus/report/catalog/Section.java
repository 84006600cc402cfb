package io.mailcensus.report.catalog;

/** The groups of the text and Markdown reports, in the order of the seed's slides. */
public enum Section {
    OVERVIEW("Overview"),
    DNSSEC_NS("DNSSEC and NS"),
    MX("MX"),
    STARTTLS("STARTTLS"),
    SPF_DKIM_DMARC("SPF, DKIM and DMARC"),
    DANE("DANE"),
    MTA_STS_TLS_RPT("MTA-STS and TLS-RPT"),
    BIMI("BIMI");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}

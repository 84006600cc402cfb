package io.mailcensus.store.schema;

import io.mailcensus.schemas.DomainResult;
import io.mailcensus.schemas.MailServerResult;
import java.util.List;

/** The store's tables (columns.md). Re-delivered rows are inserted again and deduplicated by key. */
public final class Tables {

    public static final TableSpec DOMAIN_RESULTS = new TableSpec(
            1, "domain_results", DomainResult.getClassSchema(), "finished_at", List.of("scan_id", "domain"));

    public static final TableSpec MAIL_SERVER_RESULTS = new TableSpec(
            2, "mail_server_results", MailServerResult.getClassSchema(), "probed_at", List.of("scan_id", "host", "ip"));

    public static final TableSpec SCANS = new TableSpec(3, "scans", ScanRows.SCHEMA, "updated", List.of("id"));

    public static final List<TableSpec> ALL = List.of(DOMAIN_RESULTS, MAIL_SERVER_RESULTS, SCANS);

    private Tables() {}
}

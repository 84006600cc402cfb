package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL on the store, e.g. \"SELECT count() FROM domain_results FINAL\". "
                + "Tables: scans, domain_results, mail_server_results; read them with FINAL.")
final class SqlCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SQL")
    String sql;

    @Mixin
    QueryStoreOptions store;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "any ClickHouse output format: PrettyCompact (default on a terminal), "
                    + "TabSeparatedWithNames (default otherwise), CSVWithNames, JSONEachRow, JSON, Markdown, ...")
    String format;

    @Override
    public Integer call() {
        String f = format != null ? format : System.console() != null && System.console().isTerminal()
                ? "PrettyCompactMonoBlock" : "TabSeparatedWithNames";
        try (ResultStore s = store.openExisting()) {
            System.out.print(s.query(sql, f));
        }
        return 0;
    }
}

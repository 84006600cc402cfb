package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** report --changes [--since ID], and --clickhouse on the reading commands: errors in one line, listed in --help. */
class ReportChangesOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void sinceWithoutChangesIsOneLine() {
        assertThat(run("report", "--since", "x")).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus report: --since goes with --changes");
    }

    @Test
    void changesWithTrendIsOneLine() {
        assertThat(run("report", "--changes", "--trend")).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mailcensus report: --changes does not go with --trend or --compare: choose one");
    }

    @Test
    void helpListsTheOptions() {
        run("report", "--help");
        run("scans", "--help");
        run("sql", "--help");
        assertThat(out.toString()).contains("--changes", "--since=SCAN", "--clickhouse=JDBC_URL");
        assertThat(out.toString().split("--clickhouse=JDBC_URL", -1)).as("in all three").hasSizeGreaterThanOrEqualTo(4);
    }
}

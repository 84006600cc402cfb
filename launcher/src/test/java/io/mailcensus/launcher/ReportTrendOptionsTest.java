package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report --compare ID and --trend: one or the other, and listed in --help. */
class ReportTrendOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void compareAndTrendTogetherIsOneLine() {
        int code = run("report", "--data", dir.toString(), "--compare", "x", "--trend");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo(
                "mailcensus report: --compare and --trend do not go together: choose one");
    }

    @Test
    void helpListsBothOptions() {
        run("report", "--help");
        assertThat(out.toString()).contains("--compare=ID", "--trend");
    }
}

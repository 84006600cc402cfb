package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistake is one line on stderr and a non-zero exit, never a stack trace. */
class CommandLineErrorsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void missingListFileIsOneLine() {
        int code = run("scan", dir.resolve("nope.txt").toString(), "--data", dir.resolve("d").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mailcensus scan: cannot read").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void reportWithoutAStoreIsOneLine() {
        int code = run("report", "--data", dir.resolve("none").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus report: no store at " + dir.resolve("none")
                + " (run a scan first, or give --data DIR)");
    }

    @Test
    void checkOfSomethingThatIsNotADomain() {
        int code = run("check", "http://example.ch/");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("is not a domain name: a URL");
    }

    @Test
    void checkHelpListsNoBatchOnlyOption() {
        assertThat(run("check", "--help")).isZero();
        for (String option : CheckCommand.BATCH_ONLY) {
            assertThat(out.toString()).as(option).doesNotContain(option + "=");
        }
        assertThat(out.toString()).contains("--resolver=", "--smtp-timeout=", "--trust-store=", "--no-smtp");
        out.getBuffer().setLength(0);
        assertThat(run("scan", "--help")).isZero();
        assertThat(out.toString()).contains("--smtp-rate=", "--concurrency=", "--https-backlog=");
    }

    @Test
    void checkRefusesABatchOnlyOptionInOneLine() {
        int code = run("check", "a.example", "--smtp-rate", "5");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "mailcensus check: --smtp-rate paces a scan of many domains; check asks one domain with the defaults",
                "Try 'mailcensus check --help' for the options.");
    }

    @Test
    void unknownOptionIsOneLineAndAHintNotTheWholeUsage() {
        int code = run("scan", "--frobnicate");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).containsExactly(
                "mailcensus scan: Unknown option: '--frobnicate'", "Try 'mailcensus scan --help' for the options.");
    }

    @Test
    void anOutOfRangeRateNamesTheFlag() {
        int code = run("scan", "--https-rate", "100000", "--data", dir.resolve("d").toString(), "-");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mailcensus scan: --https-rate: perMinute must be in 1..");
    }

    @Test
    void aResolverThatDoesNotAnswerStopsTheScanBeforeTheFirstDomainWithOneLine() throws Exception {
        Path list = dir.resolve("list.txt");
        java.nio.file.Files.writeString(list, "a.example\nb.example\n");
        long start = System.nanoTime();
        int code = run("scan", list.toString(), "--data", dir.resolve("d").toString(), "--resolver", "127.0.0.1:9",
                "--timeout", "1s", "--progress", "off", "--no-smtp", "--no-http");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mailcensus scan: resolver 127.0.0.1:9 does not answer")
                .doesNotContain("\n");
        assertThat(java.nio.file.Files.exists(dir.resolve("d"))).as("no store, no scan recorded").isFalse();
    }

    @Test
    void checkGetsTheSamePreflight() {
        int code = run("check", "a.example", "--resolver", "127.0.0.1:9", "--timeout", "1s", "--no-smtp", "--no-http");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).startsWith("mailcensus check: resolver 127.0.0.1:9 does not answer")
                .doesNotContain("\n");
    }

    @Test
    void reportTopZeroIsAUserErrorNotAStackTrace() {
        run("report", "--data", dir.resolve("none").toString(), "--top", "0");
        assertThat(err.toString().strip()).isEqualTo("mailcensus report: --top 0: must be at least 1 (entries per breakdown)");
    }

    @Test
    void badProgressModeIsRejectedAtStartUp() {
        int code = run("scan", "--progress", "sometimes", "--data", dir.resolve("d").toString(), "-");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--progress must be auto, line or off");
    }
}

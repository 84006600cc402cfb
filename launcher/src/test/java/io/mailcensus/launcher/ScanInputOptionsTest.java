package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs of {@code scan}: one of a list, a zone file or a zone transfer; mistakes are one line. */
class ScanInputOptionsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void aListAndAZoneTransferExcludeEachOther() {
        int code = run("scan", "list.txt", "--axfr", "127.0.0.1", "--zone-name", "ch", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mailcensus scan: give one input: a list FILE, --zone FILE or --axfr HOST");
    }

    @Test
    void aZoneFileAndAZoneTransferExcludeEachOther() {
        int code = run("scan", "--zone", "ch.zone", "--axfr", "127.0.0.1", "--zone-name", "ch", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("give one input");
    }

    @Test
    void aZoneTransferNeedsTheZoneName() {
        int code = run("scan", "--axfr", "127.0.0.1", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus scan: --axfr needs --zone-name, e.g. --zone-name ch.");
    }

    @Test
    void aTsigKeyWithoutAZoneTransferIsAMistake() {
        int code = run("scan", "list.txt", "--tsig", "hmac-sha256:k:YWJj", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus scan: --tsig goes with --axfr");
    }

    @Test
    void aBadTsigKeyIsOneLineWithoutTheSecret() {
        int code = run("scan", "--axfr", "127.0.0.1:5353", "--zone-name", "ch", "--tsig", "hmac-sha256:k:not*base64!",
                "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("mailcensus scan: TSIG secret of key 'k' is not base64")
                .doesNotContain("not*base64!");
    }

    @Test
    void aBadServerAddressIsOneLine() {
        int code = run("scan", "--axfr", "127.0.0.1:0", "--zone-name", "ch", "--data", dir.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("mailcensus scan: server 127.0.0.1:0: bad port '0'");
    }
}

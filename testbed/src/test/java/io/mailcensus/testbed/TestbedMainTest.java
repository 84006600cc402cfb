package io.mailcensus.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestbedMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TestbedMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("up")).isEqualTo(2);
        assertThat(run("sideways", "--dir", dir.toString())).isEqualTo(2);
        assertThat(run("up", "--dir", dir.toString(), "--domains", "many")).isEqualTo(2);
        assertThat(run("up", "--dir", dir.toString(), "--servers", "maybe")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: TestbedMain up|down|status",
                "--servers takes yes or no");
    }

    @Test
    void anEmptyDirectoryIsDownAndStaysDown() {
        assertThat(run("status", "--dir", dir.toString())).isEqualTo(3);
        assertThat(run("down", "--dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("knotd stopped", "already down");
    }
}

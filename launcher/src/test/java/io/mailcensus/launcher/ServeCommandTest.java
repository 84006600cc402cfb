package io.mailcensus.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void sizesReadWithBinaryUnits() {
        assertThat(ServeCommand.bytes("--max-body-size", "16M")).isEqualTo(16L << 20);
        assertThat(ServeCommand.bytes("--max-memory-usage", "4g")).isEqualTo(4L << 30);
        assertThat(ServeCommand.bytes("--max-body-size", "65536")).isEqualTo(65536);
        assertThat(ServeCommand.bytes("--max-body-size", "512KiB")).isEqualTo(512L << 10);
    }

    @Test
    void aSizeThatIsNotOneNamesTheOption() {
        assertThatThrownBy(() -> ServeCommand.bytes("--max-body-size", "lots"))
                .isInstanceOf(UserException.class).hasMessageContaining("--max-body-size");
        assertThatThrownBy(() -> ServeCommand.bytes("--max-body-size", "0"))
                .isInstanceOf(UserException.class);
    }

    @Test
    void aMissingStoreIsAnErrorReadOnlyAndCreatedWhenWritesAreAllowed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path missing = dir.resolve("store");
        assertThatThrownBy(() -> ServeCommand.requireStore(missing, false))
                .isInstanceOf(UserException.class).hasMessageContaining("no store at");
        ServeCommand.requireStore(missing, true);
        assertThat(missing).isDirectory();
        ServeCommand.requireStore(missing, false);
    }
}

package io.mailcensus.launcher;

import io.mailcensus.core.port.ResultStore;
import io.mailcensus.store.ChdbStore;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the embedded store lives. */
final class StoreOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "mailcensus-data",
            description = "the store directory (default: ${DEFAULT-VALUE})")
    Path data;

    /** Opens the store, creating it; for commands that write. */
    ResultStore openForWriting() {
        ResultStore store = ChdbStore.open(data);
        store.migrate();
        return store;
    }

    /** Opens an existing store; a missing one is a user error, not an empty report. */
    ResultStore openExisting() {
        if (!Files.isDirectory(data)) {
            throw new UserException("no store at " + data + " (run a scan first, or give --data DIR)");
        }
        ResultStore store = ChdbStore.open(data);
        store.migrate();
        return store;
    }
}

package io.mailcensus.store.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Regenerates the checked-in DDL files from the Avro schemas. Run it after changing a schema:
 * {@code mvn -q -pl store compile exec:java -Dexec.mainClass=io.mailcensus.store.schema.GenerateDdl}
 * (from the repository root), or with {@code java -cp ...} and an output directory argument.
 * {@code DdlFilesMatchSchemasTest} fails until the files are regenerated.
 */
public final class GenerateDdl {

    static final String RESOURCE_DIR = "src/main/resources/" + DdlScripts.RESOURCE_DIR;

    private GenerateDdl() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : defaultDirectory();
        Files.createDirectories(out);
        for (TableSpec table : Tables.ALL) {
            Path file = out.resolve(table.ddlFileName());
            Files.writeString(file, DdlGenerator.createTable(table), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }

    /** The module's resource folder, whether run from the repository root or from store/. */
    private static Path defaultDirectory() {
        Path fromRoot = Path.of("store").resolve(RESOURCE_DIR);
        return Files.isDirectory(Path.of("store", "src")) ? fromRoot : Path.of(RESOURCE_DIR);
    }
}

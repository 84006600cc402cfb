package io.mailcensus.store.schema;

import io.mailcensus.store.StoreException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The DDL files shipped as resources under {@value #RESOURCE_DIR}, in name order. Shared by the
 * embedded engine and the ClickHouse-server path: plain ClickHouse SQL, one statement per file,
 * table names unqualified (the connection's database applies).
 */
public final class DdlScripts {

    public static final String RESOURCE_DIR = "io/mailcensus/store/ddl";

    /** One file: its name and the statement, without a trailing semicolon. */
    public record Script(String name, String sql) {

        /**
         * A view ({@code CREATE OR REPLACE VIEW}): run after the tables' columns are migrated,
         * so that a view over {@code *} sees columns added since.
         */
        public boolean view() {
            return sql.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).findFirst()
                    .orElse("").toUpperCase(java.util.Locale.ROOT).startsWith("CREATE OR REPLACE VIEW");
        }
    }

    private DdlScripts() {}

    public static List<Script> load() {
        URL url = DdlScripts.class.getClassLoader().getResource(RESOURCE_DIR);
        if (url == null) {
            throw new StoreException("No DDL resources at " + RESOURCE_DIR + " on the class path");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                String spec = uri.getRawSchemeSpecificPart();
                Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
                try (FileSystem zip = FileSystems.newFileSystem(jar)) {
                    return read(zip.getPath(RESOURCE_DIR));
                }
            }
            return read(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new StoreException("Cannot read the DDL resources: " + e.getMessage(), e);
        }
    }

    private static List<Script> read(Path dir) throws IOException {
        List<Script> scripts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sql")).sorted(
                    (a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList()) {
                String sql = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (sql.endsWith(";")) {
                    sql = sql.substring(0, sql.length() - 1);
                }
                scripts.add(new Script(file.getFileName().toString(), sql));
            }
        }
        return List.copyOf(scripts);
    }
}

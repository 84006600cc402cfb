package io.mailcensus.report.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the report's SQL files, kept as resources so that users can read and reuse them. */
public final class SqlFiles {

    /** Where the files live on the class path (and in the source tree under src/main/resources). */
    public static final String DIRECTORY = "/io/mailcensus/report/sql/";

    private SqlFiles() {}

    public static SqlTemplate load(String fileName) {
        try (InputStream in = SqlFiles.class.getResourceAsStream(DIRECTORY + fileName)) {
            if (in == null) {
                throw new IllegalArgumentException("no report SQL file " + DIRECTORY + fileName);
            }
            return new SqlTemplate(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIRECTORY + fileName, e);
        }
    }
}

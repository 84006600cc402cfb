package io.mailcensus.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The page's CSS, kept as a resource (report.css next to this class) so it reads as CSS. */
public final class Stylesheet {

    private static final String CSS = load();

    private Stylesheet() {}

    public static String css() {
        return CSS;
    }

    private static String load() {
        try (InputStream in = Stylesheet.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

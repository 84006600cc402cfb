package io.mailcensus.worker.wellknown;

import java.util.Locale;

/** Content-Type checks: the media type before any parameters, compared case-insensitively. */
public final class MediaTypes {

    private MediaTypes() {}

    /** The type/subtype, lower case, without parameters; empty when there is no header. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean is(String contentType, String type) {
        return essence(contentType).equals(type);
    }

    /** {@code text/plain}, parameters such as {@code charset} allowed. */
    public static boolean isTextPlain(String contentType) {
        return is(contentType, "text/plain");
    }
}

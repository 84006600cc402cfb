package io.mailcensus.store;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store could not do what was asked: the engine refused a statement, the library is
 * missing, or a row does not fit its table. For engine errors the message is the engine's own
 * text on one line (e.g. {@code Code: 47. DB::Exception: Unknown expression identifier ...}),
 * so a user's bad SQL reads as one clear line rather than a stack of native detail.
 */
public class StoreException extends RuntimeException {

    private static final Pattern CODE = Pattern.compile("^Code: (\\d+)\\.");
    private static final int SQL_EXCERPT = 200;

    private final int engineCode;
    private final String sqlExcerpt;

    public StoreException(String message) {
        this(message, null, -1, null);
    }

    public StoreException(String message, Throwable cause) {
        this(message, cause, -1, null);
    }

    private StoreException(String message, Throwable cause, int engineCode, String sqlExcerpt) {
        super(message, cause);
        this.engineCode = engineCode;
        this.sqlExcerpt = sqlExcerpt;
    }

    /** Wraps the engine's error text for the statement that caused it. */
    public static StoreException fromEngine(String engineMessage, String sql) {
        String oneLine = engineMessage.strip().replaceAll("\\s*\\R\\s*", " ");
        Matcher code = CODE.matcher(oneLine);
        int parsed = code.find() ? Integer.parseInt(code.group(1)) : -1;
        return new StoreException(oneLine, null, parsed, excerpt(sql));
    }

    /** ClickHouse's error code (e.g. 62 for a syntax error), or -1 when the error has none. */
    public int engineCode() {
        return engineCode;
    }

    /** The start of the statement that failed (inserts carry megabytes of rows), or null. */
    public String sqlExcerpt() {
        return sqlExcerpt;
    }

    private static String excerpt(String sql) {
        if (sql == null) {
            return null;
        }
        return sql.length() <= SQL_EXCERPT ? sql : sql.substring(0, SQL_EXCERPT) + "...";
    }
}

package io.mailcensus.store.http;

import java.util.Set;

/**
 * Which statements {@code serve} runs, read from the engine's canonical form of the statement
 * (parsed and printed again by the engine, so comments, quoting, case and parentheses cannot
 * hide a word; several statements are a syntax error before this is asked).
 *
 * <ul>
 *   <li>Reading statements ({@link #READING}) always; writing ones ({@link #WRITING}) only when
 *       writes are allowed and never by GET; {@code USE} is accepted and forgotten (there are no
 *       sessions); {@code SET} is refused when read-only, as by a read-only ClickHouse server.
 *       Anything else ({@code SYSTEM}, {@code ATTACH}, {@code BACKUP}, {@code GRANT},
 *       {@code KILL}, ...) is refused in every mode.
 *   <li>In every mode: no function, table function, table engine or dictionary source that
 *       reaches files, the network, other databases or programs ({@link #OUTSIDE});
 *       no {@code INTO OUTFILE}, {@code FROM INFILE}, {@code INSERT INTO FUNCTION}; and none of
 *       the settings that bound a query ({@link #GUARDED_SETTINGS}) set by the client.
 * </ul>
 * The engine's {@code readonly = 1} on the reading sessions is the second layer: it refuses
 * writes and table functions that touch files or the network even if this guard missed one.
 */
final class StatementGuard {

    enum Kind { READ, WRITE, IGNORED }

    static final Set<String> READING = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "EXISTS");
    static final Set<String> WRITING = Set.of(
            "INSERT", "CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME", "OPTIMIZE", "DELETE", "UPDATE", "EXCHANGE");

    /** Names that, called like a function, reach outside the store (files, network, programs). */
    static final Set<String> OUTSIDE = Set.of(
            "FILE", "FILECLUSTER", "URL", "URLCLUSTER", "GCS", "OSS", "COSN", "HIVE",
            "REMOTE", "REMOTESECURE", "CLUSTER", "CLUSTERALLREPLICAS", "MYSQL", "POSTGRESQL", "JDBC", "ODBC",
            "EXECUTABLE", "EXECUTABLEPOOL", "EXECUTABLE_POOL", "REDIS", "SQLITE", "YTSAURUS",
            "FILESYSTEM", "BACKUP", "DISTRIBUTED", "KAFKA", "RABBITMQ", "NATS", "MATERIALIZEDMYSQL",
            "MATERIALIZEDPOSTGRESQL", "FILELOG", "EMBEDDEDROCKSDB", "HTTP", "CLICKHOUSE", "CASSANDRA",
            "CATBOOSTEVALUATE", "NAIVEBAYESCLASSIFIER", "DATALAKECATALOG", "UNITYCATALOG", "GLUE");
    /** Families of such names (s3, s3Cluster, icebergS3, deltaLakeAzure, azureBlobStorage, ...). */
    private static final String[] OUTSIDE_PREFIXES = {
            "S3", "AZURE", "HDFS", "ICEBERG", "DELTALAKE", "HUDI", "PAIMON", "MONGO", "ARROWFLIGHT", "ARROW_FLIGHT"};

    /** Settings that bound a query or a write; only the server sets them. */
    static final Set<String> GUARDED_SETTINGS = Set.of(
            "READONLY", "ALLOW_DDL", "MAX_EXECUTION_TIME", "MAX_EXECUTION_TIME_LEAF", "TIMEOUT_OVERFLOW_MODE",
            "MAX_MEMORY_USAGE", "MAX_MEMORY_USAGE_FOR_USER", "MAX_GUARANTEED_MEMORY_USAGE",
            "INPUT_FORMAT_VALUES_INTERPRET_EXPRESSIONS", "INPUT_FORMAT_VALUES_DEDUCE_TEMPLATES_OF_EXPRESSIONS",
            "INPUT_FORMAT_VALUES_ACCURATE_TYPES_OF_LITERALS", "FUNCTION_SLEEP_MAX_MICROSECONDS_PER_BLOCK");

    private static final Set<String> NOT_CREATED = Set.of(
            "USER", "ROLE", "QUOTA", "POLICY", "PROFILE", "COLLECTION", "FUNCTION", "WORKLOAD", "RESOURCE");

    private final boolean writesAllowed;

    StatementGuard(boolean writesAllowed) {
        this.writesAllowed = writesAllowed;
    }

    /** What {@code canonical} is, or a {@link Refusal} saying why it does not run. */
    Kind check(String canonical, boolean byGet) {
        SqlWords words = SqlWords.of(canonical);
        String first = words.first();
        checkOutside(words);
        checkSettings(words);
        if (READING.contains(first)) {
            return Kind.READ;
        }
        if (first.equals("USE")) {
            return Kind.IGNORED;
        }
        if (first.equals("SET")) {
            if (!writesAllowed || byGet) {
                throw Refusal.readOnly("Cannot modify settings: mailcensus serve is read-only and runs every query"
                        + " under its own limits (" + canonical + ")");
            }
            return Kind.IGNORED;
        }
        if (!WRITING.contains(first)) {
            throw Refusal.accessDenied(first + " statements are not served here (reading: "
                    + "SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS; with serve --allow-writes also "
                    + String.join(", ", WRITING.stream().sorted().toList()) + ")");
        }
        if (!writesAllowed) {
            throw Refusal.readOnly("Cannot execute query in readonly mode: mailcensus serve is read-only and "
                    + first + " is not a reading statement (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS);"
                    + " start it with --allow-writes to write");
        }
        if (byGet) {
            throw Refusal.readOnly("Cannot execute query in readonly mode. For queries over HTTP, method GET"
                    + " implies readonly. You should use method POST for modifying queries");
        }
        if (first.equals("CREATE")) {
            for (int i = 1; i <= 3; i++) {
                if (NOT_CREATED.contains(words.get(i))) {
                    throw Refusal.accessDenied("CREATE " + words.get(i) + " is not served here");
                }
            }
        }
        if (words.hasPair("INTO", "FUNCTION")) {
            throw Refusal.accessDenied("INSERT INTO FUNCTION writes outside the store and is not served here");
        }
        return Kind.WRITE;
    }

    private static void checkOutside(SqlWords words) {
        if (words.hasPair("INTO", "OUTFILE") || words.hasPair("FROM", "INFILE")) {
            throw Refusal.accessDenied("INTO OUTFILE and FROM INFILE reach the server's files and are not served here");
        }
        for (int i = 0; i + 1 < words.size(); i++) {
            String word = words.get(i);
            if (words.get(i + 1).equals("(") && outside(word)) {
                throw Refusal.accessDenied(word.toLowerCase(java.util.Locale.ROOT) + "() reaches files, the network"
                        + " or other databases and is not served here");
            }
        }
    }

    static boolean outside(String word) {
        if (OUTSIDE.contains(word)) {
            return true;
        }
        for (String prefix : OUTSIDE_PREFIXES) {
            if (word.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static void checkSettings(SqlWords words) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (GUARDED_SETTINGS.contains(words.get(i)) && words.get(i + 1).equals("=")) {
                throw Refusal.readOnly("Cannot modify '" + words.get(i).toLowerCase(java.util.Locale.ROOT)
                        + "' setting: mailcensus serve sets it for every query");
            }
        }
    }
}

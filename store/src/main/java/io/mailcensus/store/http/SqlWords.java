package io.mailcensus.store.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words and punctuation of a statement, without its string literals and comments: what
 * {@link StatementGuard} reads. It is meant for the engine's own canonical form of a statement
 * ({@code formatQuerySingleLine}, see {@link StatementGuard}), where comments are gone and
 * literals are quoted one way; on other text it errs towards seeing code (a {@code #} is a word,
 * a block comment ends at the first {@code *}{@code /}), so a guard reading it refuses more,
 * never less. Quoted identifiers ({@code `file`}, {@code "file"}) are words like bare ones.
 */
record SqlWords(List<String> words) {

    /** A word (upper-cased identifier or keyword) or one punctuation character. */
    static SqlWords of(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i = QueryParameters.endOfQuoted(sql, i, c);
            } else if (c == '`' || c == '"') {
                int end = QueryParameters.endOfQuoted(sql, i, c);
                words.add(sql.substring(i + 1, Math.max(i + 1, end - 1)).toUpperCase(Locale.ROOT));
                i = end;
            } else if (sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '$' && heredocTagEnd(sql, i) > 0) {
                int tagEnd = heredocTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd);
                int close = sql.indexOf(tag, tagEnd);
                i = close < 0 ? n : close + tag.length();
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                words.add(sql.substring(i, end).toUpperCase(Locale.ROOT));
                i = end;
            } else {
                words.add(String.valueOf(c));
                i++;
            }
        }
        return new SqlWords(List.copyOf(words));
    }

    String first() {
        for (String word : words) {
            if (!word.equals("(")) {
                return word;
            }
        }
        return "";
    }

    String get(int index) {
        return index < words.size() ? words.get(index) : "";
    }

    int size() {
        return words.size();
    }

    /** Whether {@code a} is directly followed by {@code b} anywhere. */
    boolean hasPair(String a, String b) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(a) && words.get(i + 1).equals(b)) {
                return true;
            }
        }
        return false;
    }

    /** {@code $tag$} at {@code start}: the index after it, or -1. */
    private static int heredocTagEnd(String sql, int start) {
        int i = start + 1;
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? i + 1 : -1;
    }
}

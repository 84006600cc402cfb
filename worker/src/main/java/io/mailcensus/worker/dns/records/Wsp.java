package io.mailcensus.worker.dns.records;

/** WSP (space and horizontal tab, RFC 5234) handling; the record grammars allow nothing else. */
final class Wsp {

    private Wsp() {}

    static boolean is(char c) {
        return c == ' ' || c == '\t';
    }

    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && is(s.charAt(start))) {
            start++;
        }
        while (end > start && is(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}

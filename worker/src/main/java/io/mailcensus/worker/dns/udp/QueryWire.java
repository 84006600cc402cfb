package io.mailcensus.worker.dns.udp;

/**
 * The few fields of a DNS message on the wire that matching a response needs, read without
 * parsing the whole message (dnsjava parses it afterwards anyway).
 */
final class QueryWire {

    static final int HEADER_LENGTH = 12;

    private QueryWire() {
    }

    static int id(byte[] message) {
        return ((message[0] & 0xFF) << 8) | (message[1] & 0xFF);
    }

    static void setId(byte[] message, int id) {
        message[0] = (byte) (id >>> 8);
        message[1] = (byte) id;
    }

    /** The end (exclusive) of the first question: its name, type and class; -1 if malformed. */
    static int questionEnd(byte[] message, int length) {
        int at = HEADER_LENGTH;
        while (at < length) {
            int label = message[at] & 0xFF;
            if (label == 0) {
                int end = at + 1 + 4;
                return end <= length ? end : -1;
            }
            if (label > 63) {
                return -1; // a compression pointer or an extended label: never in our own question
            }
            at += 1 + label;
        }
        return -1;
    }

    /**
     * Whether the response is an answer (QR set) with exactly one question equal to the query's,
     * names compared without regard to ASCII case (a resolver may echo 0x20-mixed case).
     */
    static boolean answersQuestion(byte[] query, int questionEnd, byte[] response, int length) {
        if (length < questionEnd || (response[2] & 0x80) == 0) {
            return false;
        }
        if (response[4] != 0 || response[5] != 1) {
            return false;
        }
        for (int i = HEADER_LENGTH; i < questionEnd; i++) {
            if (lower(query[i]) != lower(response[i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
}

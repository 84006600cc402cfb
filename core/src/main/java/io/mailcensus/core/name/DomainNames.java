package io.mailcensus.core.name;

import com.ibm.icu.text.IDNA;
import java.util.Locale;

/**
 * Turns what users put in domain lists into the one form mailcensus stores: lower case,
 * A-labels (IDNA 2008 via UTS #46, non-transitional, so {@code ß} stays {@code ß} as the
 * registries that allow it expect), no trailing dot. A pure function: no DNS is asked.
 */
public final class DomainNames {

    private static final int MAX_NAME = 253;
    private static final int MAX_LABEL = 63;

    private static final IDNA UTS46 = IDNA.getUTS46Instance(
            IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
                    | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.USE_STD3_RULES);

    private DomainNames() {}

    /** Normalises one name; the input is already stripped of comments and outer blanks. */
    public static NameResult normalize(String input) {
        String s = input.strip();
        if (s.contains("://")) {
            return reject(input, Rejection.URL);
        }
        if (s.indexOf('@') >= 0) {
            return reject(input, Rejection.EMAIL);
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            return reject(input, Rejection.WHITESPACE);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.startsWith(".") || s.contains("..")) {
            return reject(input, Rejection.EMPTY_LABEL);
        }
        String ascii;
        String unicode;
        if (isAscii(s)) {
            ascii = s.toLowerCase(Locale.ROOT);
            Rejection r = checkLdh(ascii);
            if (r != null) {
                return reject(input, r);
            }
            unicode = ascii.contains("xn--") ? toUnicode(ascii) : ascii;
            if (unicode == null) {
                return reject(input, Rejection.BAD_IDN);
            }
        } else {
            StringBuilder out = new StringBuilder();
            IDNA.Info info = new IDNA.Info();
            UTS46.nameToASCII(s, out, info);
            if (info.hasErrors()) {
                return reject(input, classify(info));
            }
            ascii = out.toString();
            Rejection r = checkLdh(ascii);
            if (r != null) {
                return reject(input, r);
            }
            unicode = toUnicode(ascii);
            if (unicode == null) {
                return reject(input, Rejection.BAD_IDN);
            }
        }
        return new NameResult.Accepted(new DomainName(ascii, unicode));
    }

    private static String toUnicode(String ascii) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToUnicode(ascii, out, info);
        return info.hasErrors() ? null : out.toString();
    }

    /** Host-name syntax (RFC 952/1123 letters, digits, hyphen) on the A-label form. */
    private static Rejection checkLdh(String ascii) {
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            return Rejection.SINGLE_LABEL;
        }
        for (String label : labels) {
            if (label.isEmpty()) {
                return Rejection.EMPTY_LABEL;
            }
            if (label.length() > MAX_LABEL) {
                return Rejection.LABEL_TOO_LONG;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    return Rejection.BAD_CHARACTER;
                }
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Rejection.BAD_HYPHEN;
            }
        }
        if (ascii.length() > MAX_NAME) {
            return Rejection.NAME_TOO_LONG;
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Rejection.NUMERIC_TLD;
        }
        return null;
    }

    private static Rejection classify(IDNA.Info info) {
        var errors = info.getErrors();
        if (errors.contains(IDNA.Error.LABEL_TOO_LONG)) {
            return Rejection.LABEL_TOO_LONG;
        }
        if (errors.contains(IDNA.Error.DOMAIN_NAME_TOO_LONG)) {
            return Rejection.NAME_TOO_LONG;
        }
        if (errors.contains(IDNA.Error.EMPTY_LABEL)) {
            return Rejection.EMPTY_LABEL;
        }
        if (errors.contains(IDNA.Error.LEADING_HYPHEN) || errors.contains(IDNA.Error.TRAILING_HYPHEN)) {
            return Rejection.BAD_HYPHEN;
        }
        if (errors.contains(IDNA.Error.DISALLOWED)) {
            return Rejection.BAD_CHARACTER;
        }
        return Rejection.BAD_IDN;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static NameResult reject(String input, Rejection reason) {
        return new NameResult.Rejected(input, reason);
    }
}

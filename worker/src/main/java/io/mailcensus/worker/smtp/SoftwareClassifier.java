package io.mailcensus.worker.smtp;

import io.mailcensus.schemas.SmtpSoftware;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The server software, read from the words of the greeting's first line and of the EHLO reply's
 * first line, the names a server gives itself (checks.md). Never guessed from the set of
 * extensions, so the figure means what the seed's did. Pure.
 *
 * <p>Words with a dot in them (host names, versions) are skipped: {@code 220 exim.example.ch
 * ESMTP} says nothing about Exim. A greeting without a host name ({@code 220 Microsoft ESMTP MAIL
 * Service ready}) still counts.
 */
public final class SoftwareClassifier {

    /** Product words for {@code other}: servers and filtering gateways seen in front of MX hosts. */
    private static final Set<String> OTHER_PRODUCTS = Set.of(
            "qmail", "netqmail", "haraka", "opensmtpd", "gsmtp", "zimbra", "mdaemon", "kerio",
            "ironport", "communigate", "hmailserver", "courier", "mailenable", "axigen", "smartermail",
            "icewarp", "domino", "lotus", "mimecast", "proofpoint", "barracuda", "fortimail", "sophos",
            "symantec", "trendmicro", "cloudmark", "zonemta", "mailcow", "exchangeonline", "openwave",
            "coremail", "kumomta", "maddy", "chasquid", "stalwart", "james", "xmail", "wildduck",
            "mailsite", "surgemail", "argosoft", "merak", "gordano", "cyrus", "amavisd", "postini");

    private SoftwareClassifier() {
    }

    /**
     * @param greetingLine the greeting's first line, code included
     * @param ehloLine the EHLO (or HELO) reply's first line, or null when there was none
     */
    public static SmtpSoftware classify(String greetingLine, String ehloLine) {
        SmtpSoftware fromGreeting = classifyLine(greetingLine);
        if (fromGreeting != SmtpSoftware.hidden || ehloLine == null) {
            return fromGreeting;
        }
        return classifyLine(ehloLine);
    }

    static SmtpSoftware classifyLine(String line) {
        if (line == null) {
            return SmtpSoftware.hidden;
        }
        List<String> words = words(line);
        boolean other = false;
        for (String word : words) {
            switch (word) {
                case "exim":
                    return SmtpSoftware.exim;
                case "postfix":
                    return SmtpSoftware.postfix;
                case "microsoft", "exchange":
                    return SmtpSoftware.exchange;
                case "sendmail":
                    return SmtpSoftware.sendmail;
                default:
                    other |= OTHER_PRODUCTS.contains(word);
            }
        }
        return other ? SmtpSoftware.other : SmtpSoftware.hidden;
    }

    /** Lower-case words of the text after the code, without dotted words. */
    private static List<String> words(String line) {
        String text = line.length() > 4 ? line.substring(4).strip() : "";
        // Split on spaces and product/version separators first, so "Haraka/3.0.2" keeps "Haraka".
        String[] tokens = text.split("[\\s/()\\[\\];,]+");
        return Arrays.stream(tokens)
                .filter(token -> token.indexOf('.') < 0)
                .flatMap(token -> Arrays.stream(token.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")))
                .filter(word -> !word.isEmpty())
                .toList();
    }
}

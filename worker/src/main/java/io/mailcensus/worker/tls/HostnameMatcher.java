package io.mailcensus.worker.tls;

import java.net.IDN;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Server identity check for SMTP (RFC 6125 6.4 as profiled by RFC 7672 3.2.3): DNS-ID subject
 * alternative names; the subject CN only when there is no DNS-ID; a wildcard only as the whole
 * leftmost label, matching exactly one label, and not directly under a single-label name.
 */
public final class HostnameMatcher {

    private static final int SAN_DNS = 2;

    private HostnameMatcher() {}

    /** True when the certificate names any of the reference identifiers (A-labels or U-labels). */
    public static boolean matches(X509Certificate cert, Collection<String> referenceNames) {
        List<String> presented = presentedNames(cert);
        for (String reference : referenceNames) {
            String ref = normalise(reference);
            if (ref.isEmpty() || ref.contains("*")) {
                continue;
            }
            for (String name : presented) {
                if (nameMatches(name, ref)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The DNS-IDs, or the subject CNs when the certificate has no DNS-ID. */
    public static List<String> presentedNames(X509Certificate cert) {
        List<String> dnsIds = dnsNames(cert);
        return dnsIds.isEmpty() ? commonNames(cert.getSubjectX500Principal()) : dnsIds;
    }

    static List<String> dnsNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_DNS).equals(san.get(0)) && san.get(1) instanceof String s) {
                        names.add(s);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A malformed SAN extension names nothing we can trust.
        }
        return names;
    }

    static List<String> commonNames(X500Principal subject) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String s) {
                    names.add(s);
                }
            }
        } catch (InvalidNameException e) {
            // No CN we can read.
        }
        return names;
    }

    /** One presented name against one normalised reference identifier. */
    static boolean nameMatches(String presentedName, String reference) {
        String presented = normalise(presentedName);
        if (presented.isEmpty()) {
            return false;
        }
        if (!presented.startsWith("*.")) {
            return !presented.contains("*") && presented.equals(reference);
        }
        String base = presented.substring(2);
        // "*.com" would cover a whole TLD: require at least two labels under the wildcard.
        if (base.contains("*") || !base.contains(".")) {
            return false;
        }
        int dot = reference.indexOf('.');
        return dot > 0 && reference.substring(dot + 1).equals(base);
    }

    static String normalise(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (!n.chars().allMatch(c -> c < 0x80)) {
            try {
                n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }
        return n;
    }
}

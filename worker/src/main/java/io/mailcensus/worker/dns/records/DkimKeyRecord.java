package io.mailcensus.worker.dns.records;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DKIM key record (RFC 6376 3.6.1) at {@code <selector>._domainkey.<d>}. Tag names and the
 * {@code v=} value are case-sensitive ("V=DKIM2" is an unknown tag, not a wrong version);
 * {@code v=DKIM1} is optional but must come first; {@code p=} is required, empty = revoked.
 * RSA keys are SubjectPublicKeyInfo (their size is the modulus length); Ed25519 keys are the raw
 * 32 octets (RFC 8463).
 *
 * @param keyType "rsa", "ed25519", or the unknown k= value as written; null when the record does not parse
 * @param bits key size, null when revoked or unknown
 * @param revoked {@code p=} is empty (RFC 6376 3.6.1: the key has been revoked)
 * @param testing {@code t=y}: the domain is testing DKIM, verifiers treat failures as unsigned
 * @param invalidReason null when the record is valid
 */
public record DkimKeyRecord(String keyType, Integer bits, boolean revoked, boolean testing, String invalidReason) {

    /** RFC 6376 tag-value characters (VALCHAR) and WSP between them; ';' cannot occur after splitting. */
    private static final Pattern TAG_VALUE = Pattern.compile("[\\x21-\\x3A\\x3C-\\x7E \\t]*");

    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    /** hyphenated-word (RFC 6376 3.2 and 3.6.1), for h=, s= and t= list elements. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?|\\*");

    public boolean valid() {
        return invalidReason == null;
    }

    /** A usable key: the record parses and the key is not revoked. */
    public boolean usable() {
        return valid() && !revoked;
    }

    public static DkimKeyRecord invalid(String reason) {
        return new DkimKeyRecord(null, null, false, false, reason);
    }

    public static DkimKeyRecord parse(String text) {
        try {
            // tag-list = tag-spec *(";" tag-spec) [";"]: nothing at all may follow the last ';'.
            int lastSemicolon = text.lastIndexOf(';');
            if (lastSemicolon >= 0 && lastSemicolon < text.length() - 1
                    && Wsp.trim(text.substring(lastSemicolon + 1)).isEmpty()) {
                throw new SyntaxError("white space after the last ';'");
            }
            TagList tags = TagList.parse(text);
            checkNamesAndValues(tags);
            List<TagList.Tag> all = tags.tags();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).name().equals("v")) {
                    if (i != 0) {
                        throw new SyntaxError("v= must be the first tag");
                    }
                    if (!all.get(i).value().equals("DKIM1")) {
                        throw new SyntaxError("version '" + all.get(i).value() + "' is not DKIM1 (case-sensitive)");
                    }
                }
            }
            String p = only(tags, "p");
            if (p == null) {
                throw new SyntaxError("no p= tag");
            }
            String k = only(tags, "k");
            String keyType = k == null ? "rsa" : k.toLowerCase(Locale.ROOT);
            words(tags, "h");
            words(tags, "s");
            boolean testing = words(tags, "t").contains("y");
            String key = p.replace(" ", "").replace("\t", "");
            if (!keyType.equals("rsa") && !keyType.equals("ed25519")) {
                throw new SyntaxError("unknown key type k=" + k);
            }
            if (key.isEmpty()) {
                return new DkimKeyRecord(keyType, null, true, testing, null);
            }
            return new DkimKeyRecord(keyType, bits(keyType, decode(key)), false, testing, null);
        } catch (SyntaxError e) {
            return invalid(e.getMessage());
        }
    }

    private static void checkNamesAndValues(TagList tags) throws SyntaxError {
        tags.requireNames(TagList.DKIM_TAG_NAME);
        List<String> seen = new ArrayList<>();
        for (TagList.Tag tag : tags.tags()) {
            if (seen.contains(tag.name())) { // case-sensitive: "V" and "v" are different tags
                throw new SyntaxError("duplicate tag " + tag.name());
            }
            seen.add(tag.name());
            if (!TAG_VALUE.matcher(tag.value()).matches()) {
                throw new SyntaxError("tag " + tag.name() + " has characters outside RFC 6376 tag-value");
            }
        }
    }

    private static String only(TagList tags, String name) {
        return tags.tags().stream().filter(t -> t.name().equals(name)).map(TagList.Tag::value).findFirst().orElse(null);
    }

    /** A colon-separated list of words (h=, s=, t=); WSP around the colons is allowed. */
    private static List<String> words(TagList tags, String name) throws SyntaxError {
        String value = only(tags, name);
        if (value == null) {
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (String part : value.split(":", -1)) {
            String word = Wsp.trim(part);
            if (!WORD.matcher(word).matches()) {
                throw new SyntaxError(name + "= has a bad element '" + word + "'");
            }
            words.add(word.toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static byte[] decode(String key) throws SyntaxError {
        if (!BASE64.matcher(key).matches() || key.length() % 4 != 0) {
            throw new SyntaxError("p= is not base64");
        }
        try {
            return Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new SyntaxError("p= is not base64");
        }
    }

    private static int bits(String keyType, byte[] key) throws SyntaxError {
        if (keyType.equals("ed25519")) {
            if (key.length != 32) {
                throw new SyntaxError("an Ed25519 key is 32 octets, p= has " + key.length);
            }
            return 256;
        }
        try {
            PublicKey parsed = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(key));
            BigInteger modulus = ((RSAPublicKey) parsed).getModulus();
            return modulus.bitLength();
        } catch (InvalidKeySpecException | ClassCastException e) {
            throw new SyntaxError("p= is not an RSA SubjectPublicKeyInfo");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }
}

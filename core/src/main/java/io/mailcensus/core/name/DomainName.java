package io.mailcensus.core.name;

/**
 * A valid domain name in both forms.
 *
 * @param ascii the A-label form: lower case, punycode for IDN labels, no trailing dot
 * @param unicode the U-label form (equal to {@code ascii} for ASCII names)
 */
public record DomainName(String ascii, String unicode) {

    /** True when any label is an A-label ({@code xn--}), the report's {@code idn} metric. */
    public boolean isIdn() {
        return ascii.startsWith("xn--") || ascii.contains(".xn--");
    }

    @Override
    public String toString() {
        return ascii;
    }
}

package io.mailcensus.store.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body that may be read up to a limit; one byte more is a 413 refusal, not a bigger buffer. */
final class BoundedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    BoundedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // Never ask for more than one byte past the limit, so nothing beyond it is read into memory.
        int n = super.read(buffer, offset, (int) Math.min(length, limit - read + 1));
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, limit - read + 1));
        count(skipped);
        return skipped;
    }

    private void count(long n) {
        read += n;
        if (read > limit) {
            throw Refusal.of(413, Refusal.TOO_LARGE_REQUEST, "TOO_LARGE_STRING_SIZE",
                    "The request body is over " + limit + " bytes, the most serve reads into memory"
                            + " (serve --max-body-size; an INSERT's data after FORMAT is streamed and not counted)");
        }
    }
}

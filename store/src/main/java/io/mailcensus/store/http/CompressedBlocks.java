package io.mailcensus.store.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * ClickHouse's own compressed block framing, which its HTTP interface speaks for
 * {@code compress=1} (answers) and {@code decompress=1} (request bodies), and which the Java
 * client turns on by default. Each block is:
 * <pre>
 *   16 bytes  CityHash128 (v1.0.2) of the 9 header bytes and the compressed data: low, high, little-endian
 *    1 byte   method: 0x82 = LZ4 (0x02 = none is read too)
 *    4 bytes  compressed size, including these 9 header bytes, little-endian
 *    4 bytes  uncompressed size, little-endian
 *    ...      the LZ4 block (no LZ4 frame format)
 * </pre>
 * The safe (pure Java, no Unsafe, no JNI) LZ4 implementation is used: on loopback the
 * compression hardly matters, and it keeps the JVM free of warnings.
 */
public final class CompressedBlocks {

    static final int CHECKSUM_BYTES = 16;
    static final int HEADER_BYTES = 9;
    static final byte LZ4 = (byte) 0x82;
    static final byte NONE = (byte) 0x02;
    /** ClickHouse's default block size for compressed writes (max_compress_block_size). */
    static final int BLOCK_BYTES = 1 << 20;
    /** A block claiming more than this is corrupt or hostile, not data. */
    private static final int MAX_BLOCK_BYTES = 256 << 20;

    private static final LZ4Factory LZ4_FACTORY = LZ4Factory.safeInstance();

    private CompressedBlocks() {}

    /** Wraps {@code out}: bytes written are sent as compressed blocks; close() flushes the last one. */
    public static OutputStream writer(OutputStream out) {
        return new Writer(out);
    }

    /** Unwraps a stream of compressed blocks, verifying each block's checksum. */
    public static InputStream reader(InputStream in) {
        return new Reader(in);
    }

    /** One compressed block of {@code data[offset, offset + length)}, header and checksum included. */
    static byte[] block(byte[] data, int offset, int length) {
        LZ4Compressor compressor = LZ4_FACTORY.fastCompressor();
        byte[] framed = new byte[CHECKSUM_BYTES + HEADER_BYTES + compressor.maxCompressedLength(length)];
        int compressed = compressor.compress(data, offset, length, framed, CHECKSUM_BYTES + HEADER_BYTES);
        framed[CHECKSUM_BYTES] = LZ4;
        putInt(framed, CHECKSUM_BYTES + 1, HEADER_BYTES + compressed);
        putInt(framed, CHECKSUM_BYTES + 5, length);
        long[] checksum = CityHash128.hash(framed, CHECKSUM_BYTES, HEADER_BYTES + compressed);
        putLong(framed, 0, checksum[0]);
        putLong(framed, 8, checksum[1]);
        return java.util.Arrays.copyOf(framed, CHECKSUM_BYTES + HEADER_BYTES + compressed);
    }

    private static final class Writer extends OutputStream {
        private final OutputStream out;
        private final byte[] pending = new byte[BLOCK_BYTES];
        private int used;
        private boolean closed;

        Writer(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == pending.length) {
                emit();
            }
            pending[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == pending.length) {
                    emit();
                }
                int n = Math.min(len, pending.length - used);
                System.arraycopy(b, off, pending, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        /** Sends what is pending as a block (ClickHouse's own writer flushes the same way). */
        @Override
        public void flush() throws IOException {
            emit();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            emit();
            out.close();
        }

        private void emit() throws IOException {
            if (used > 0) {
                out.write(block(pending, 0, used));
                used = 0;
            }
        }
    }

    private static final class Reader extends InputStream {
        private final InputStream in;
        private final LZ4SafeDecompressor decompressor = LZ4_FACTORY.safeDecompressor();
        private byte[] block = new byte[0];
        private int position;
        private boolean end;

        Reader(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            if (!fill()) {
                return -1;
            }
            return block[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, block.length - position);
            System.arraycopy(block, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }

        private boolean fill() throws IOException {
            while (position == block.length) {
                if (end || !nextBlock()) {
                    end = true;
                    return false;
                }
            }
            return true;
        }

        private boolean nextBlock() throws IOException {
            byte[] head = new byte[CHECKSUM_BYTES + HEADER_BYTES];
            int got = in.readNBytes(head, 0, head.length);
            if (got == 0) {
                return false;
            }
            if (got < head.length) {
                throw new EOFException("truncated compressed block header (" + got + " bytes)");
            }
            byte method = head[CHECKSUM_BYTES];
            int compressedSize = getInt(head, CHECKSUM_BYTES + 1);
            int size = getInt(head, CHECKSUM_BYTES + 5);
            if (method != LZ4 && method != NONE) {
                throw new IOException(String.format("unsupported compression method 0x%02x (only LZ4 0x82 and none 0x02)",
                        method & 0xff));
            }
            if (compressedSize < HEADER_BYTES || compressedSize > MAX_BLOCK_BYTES || size < 0 || size > MAX_BLOCK_BYTES) {
                throw new IOException("implausible compressed block sizes " + compressedSize + " / " + size);
            }
            byte[] framed = new byte[compressedSize];
            System.arraycopy(head, CHECKSUM_BYTES, framed, 0, HEADER_BYTES);
            if (in.readNBytes(framed, HEADER_BYTES, compressedSize - HEADER_BYTES) != compressedSize - HEADER_BYTES) {
                throw new EOFException("truncated compressed block");
            }
            long[] checksum = CityHash128.hash(framed, 0, compressedSize);
            if (checksum[0] != getLong(head, 0) || checksum[1] != getLong(head, 8)) {
                throw new IOException("checksum mismatch in a compressed block: corrupt data");
            }
            if (method == NONE) {
                block = java.util.Arrays.copyOfRange(framed, HEADER_BYTES, compressedSize);
            } else {
                block = new byte[size];
                int produced = decompressor.decompress(framed, HEADER_BYTES, compressedSize - HEADER_BYTES, block, 0);
                if (produced != size) {
                    throw new IOException("a compressed block decompressed to " + produced + " bytes, not " + size);
                }
            }
            position = 0;
            return true;
        }
    }

    /** Reads everything from {@code in} (decompressed): a convenience for small bodies and tests. */
    static byte[] decompressAll(byte[] framed) throws IOException {
        try (InputStream in = reader(new java.io.ByteArrayInputStream(framed))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static long getLong(byte[] b, int at) {
        return (getInt(b, at) & 0xffffffffL) | ((long) getInt(b, at + 4)) << 32;
    }
}

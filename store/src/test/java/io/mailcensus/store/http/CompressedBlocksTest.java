package io.mailcensus.store.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompressedBlocksTest {

    @Test
    void whatIsWrittenReadsBackAcrossSeveralBlocks() throws IOException {
        byte[] data = new byte[CompressedBlocks.BLOCK_BYTES * 2 + 12345];
        new Random(1).nextBytes(data);
        for (int i = 0; i < data.length; i += 3) {
            data[i] = 'x';
        }
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        try (OutputStream out = CompressedBlocks.writer(framed)) {
            out.write(data);
        }

        assertThat(CompressedBlocks.decompressAll(framed.toByteArray())).isEqualTo(data);
    }

    @Test
    void aBlockCarriesTheLz4MethodAndBothSizesAfterItsChecksum() {
        byte[] data = "hello hello hello hello".getBytes(StandardCharsets.US_ASCII);
        byte[] block = CompressedBlocks.block(data, 0, data.length);

        assertThat(block[16]).isEqualTo((byte) 0x82);
        int compressedSize = (block[17] & 0xff) | (block[18] & 0xff) << 8;
        assertThat(compressedSize).isEqualTo(block.length - 16);
        assertThat(block[21] & 0xff).isEqualTo(data.length);
    }

    @Test
    void aCorruptBlockIsRefusedByItsChecksum() {
        byte[] data = "some rows\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
        byte[] block = CompressedBlocks.block(data, 0, data.length);
        block[block.length - 1] ^= 1;

        assertThatThrownBy(() -> CompressedBlocks.decompressAll(block)).hasMessageContaining("checksum");
    }
}

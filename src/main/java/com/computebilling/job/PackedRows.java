package com.computebilling.job;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A stored text of {@code charges.csv} rows as rating stores it since V17: its UTF-8 bytes compressed into an LZ4
 * block, after their length (four bytes, big-endian). The rows are a run's largest stored value (500 MB of the
 * 1,000,000-row benchmark set); stored as text, the database encoded them character by character on the way in and
 * out, and PostgreSQL compressed them again on its own cores. Packed by the rating worker, they are a quarter of the
 * bytes, compressed where the work is partitioned, and written out by a copy of bytes. Rows stored before V17 keep their
 * text (column {@code csv_rows}); {@link #text} reads either.
 */
public final class PackedRows {

    /** The packed column's size (V17): a part is at most 500,000 characters, so only rows of very wide characters that
     *  do not compress could pass it; those are stored as text. */
    static final int MAX_BYTES = 1_000_000;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    // The safe decompressor, told the compressed length: lz4-java's "fast" one is its Java implementation whatever the
    // factory (about 1.6 GB/s here), where the safe one runs the native library when it loads (several times that).
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private PackedRows() {
    }

    /** The text packed, or empty when its packed form would not fit the column. */
    static Optional<byte[]> pack(String text) {
        byte[] plain = text.getBytes(StandardCharsets.UTF_8);
        byte[] packed = new byte[Integer.BYTES + COMPRESSOR.maxCompressedLength(plain.length)];
        ByteBuffer.wrap(packed).putInt(plain.length);
        int length = Integer.BYTES + COMPRESSOR.compress(plain, 0, plain.length, packed, Integer.BYTES,
                packed.length - Integer.BYTES);
        return length > MAX_BYTES ? Optional.empty() : Optional.of(Arrays.copyOf(packed, length));
    }

    /** The bytes as one LZ4 block, without the length header of {@link #pack}: the caller keeps the plain length. */
    static byte[] block(byte[] plain) {
        byte[] packed = new byte[COMPRESSOR.maxCompressedLength(plain.length)];
        return Arrays.copyOf(packed, COMPRESSOR.compress(plain, 0, plain.length, packed, 0, packed.length));
    }

    /** The {@code plainLength} bytes of the block at {@code packed[at, at + length)}. */
    static byte[] unblock(byte[] packed, int at, int length, int plainLength) {
        byte[] plain = new byte[plainLength];
        int unpacked = DECOMPRESSOR.decompress(packed, at, length, plain, 0);
        if (unpacked != plainLength) {
            throw new IllegalStateException("a packed text of " + plainLength + " bytes unpacked to " + unpacked);
        }
        return plain;
    }

    /** The packed text's UTF-8 bytes. */
    static byte[] unpack(byte[] packed) {
        byte[] plain = new byte[ByteBuffer.wrap(packed).getInt()];
        int length = DECOMPRESSOR.decompress(packed, Integer.BYTES, packed.length - Integer.BYTES, plain, 0);
        if (length != plain.length) {
            throw new IllegalStateException("a packed text of " + plain.length + " bytes unpacked to " + length);
        }
        return plain;
    }

    /** A stored row's text in UTF-8, from whichever of its two columns holds it ({@code csv_rows}, {@code csv_packed}). */
    static byte[] utf8(String csvRows, byte[] csvPacked) {
        return csvPacked != null ? unpack(csvPacked) : csvRows.getBytes(StandardCharsets.UTF_8);
    }

    /** A stored row's text, from whichever of its two columns holds it. */
    public static String text(String csvRows, byte[] csvPacked) {
        return new String(utf8(csvRows, csvPacked), StandardCharsets.UTF_8);
    }
}

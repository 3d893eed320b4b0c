package com.computebilling.job;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a pack as {@link java.io.DataOutputStream} wrote it (big-endian numbers, {@code writeUTF} strings) straight
 * from its bytes. Rating reads every staged record this way, and a {@code DataInputStream} over a
 * {@code ByteArrayInputStream} (a lock and two copies a string) was a tenth of a rating thread. A string that repeats
 * the one last read into the same {@code slot} (the records of a pack are sorted by resource, and a resource's
 * records share their account, region and SKU) is that same {@code String}: no new one, and comparing them later is
 * an identity check.
 */
final class PackInput {

    private final byte[] bytes;
    private int position;
    private final int[] lastAt;
    private final int[] lastLength;
    private final String[] last;

    PackInput(byte[] bytes, int slots) {
        this.bytes = bytes;
        this.lastAt = new int[slots];
        this.lastLength = new int[slots];
        this.last = new String[slots];
    }

    boolean hasMore() {
        return position < bytes.length;
    }

    int readUnsignedByte() throws IOException {
        need(1);
        return bytes[position++] & 0xff;
    }

    int readUnsignedShort() throws IOException {
        need(2);
        int v = (bytes[position] & 0xff) << 8 | bytes[position + 1] & 0xff;
        position += 2;
        return v;
    }

    void skip(int n) throws IOException {
        need(n);
        position += n;
    }

    /** Where the next value begins. */
    int position() {
        return position;
    }

    boolean readBoolean() throws IOException {
        return readUnsignedByte() != 0;
    }

    int readInt() throws IOException {
        return (int) readBigEndian(Integer.BYTES);
    }

    long readLong() throws IOException {
        return readBigEndian(Long.BYTES);
    }

    private long readBigEndian(int n) throws IOException {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 8 | bytes[position++] & 0xff;
        }
        return v;
    }

    /** A {@code writeUTF} string, new each time. */
    String readUtf() throws IOException {
        return readUtf(-1);
    }

    /** A {@code writeUTF} string; the one read last into {@code slot} when the bytes are the same. */
    String readUtf(int slot) throws IOException {
        int length = readUnsignedShort();
        int at = position;
        need(length);
        position = at + length;
        if (slot >= 0 && last[slot] != null && lastLength[slot] == length
                && Arrays.equals(bytes, lastAt[slot], lastAt[slot] + length, bytes, at, at + length)) {
            return last[slot];
        }
        String s = decode(at, length);
        if (slot >= 0) {
            lastAt[slot] = at;
            lastLength[slot] = length;
            last[slot] = s;
        }
        return s;
    }

    /** Passes over a {@code writeUTF} string without decoding it. */
    void skipUtf() throws IOException {
        skip(readUnsignedShort());
    }

    /**
     * The {@code writeUTF} string whose length stands at {@code at} (a position read earlier), where reading goes on
     * unmoved: for a reader that passes over strings and decodes only those it keeps.
     */
    String utfAt(int at) throws IOException {
        if (at < 0 || bytes.length - at < 2) {
            throw new EOFException("no string at " + at + " of a pack of " + bytes.length + " bytes");
        }
        int length = (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
        if (bytes.length - at - 2 < length) {
            throw new EOFException("the pack ends inside the string at " + at);
        }
        return decode(at + 2, length);
    }

    private String decode(int at, int length) throws IOException {
        return ascii(at, length) ? new String(bytes, at, length, StandardCharsets.ISO_8859_1)
                : new DataInputStream(new ByteArrayInputStream(bytes, at - 2, length + 2)).readUTF();
    }

    /** Modified UTF-8 writes characters 0x01-0x7F as one byte each, and nothing else below 0x80. */
    private boolean ascii(int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private void need(int n) throws EOFException {
        if (bytes.length - position < n) {
            throw new EOFException("the pack ends " + (n - (bytes.length - position)) + " bytes early");
        }
    }
}

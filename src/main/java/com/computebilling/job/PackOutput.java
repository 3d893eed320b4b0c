package com.computebilling.job;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Writes a pack in the bytes {@link java.io.DataOutputStream} writes (big-endian numbers, {@code writeUTF} strings),
 * which {@link PackInput} reads, into an array of its own: every staged row is written this way, and a
 * {@code DataOutputStream} over a {@code ByteArrayOutputStream} takes a lock per value and encodes each string through
 * a buffer of its own. Strings of characters 0x01-0x7F (ids, SKUs and regions nearly always are) are one byte a
 * character in modified UTF-8 and are copied as such; any other string is encoded by {@code DataOutputStream} itself.
 */
final class PackOutput {

    private byte[] bytes;
    private int size;

    PackOutput(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    void writeByte(int v) {
        room(1);
        bytes[size++] = (byte) v;
    }

    void writeBoolean(boolean v) {
        writeByte(v ? 1 : 0);
    }

    void writeInt(int v) {
        writeBigEndian(v, Integer.BYTES);
    }

    void writeLong(long v) {
        writeBigEndian(v, Long.BYTES);
    }

    private void writeBigEndian(long v, int n) {
        room(n);
        for (int shift = 8 * (n - 1); shift >= 0; shift -= 8) {
            bytes[size++] = (byte) (v >>> shift);
        }
    }

    void writeUtf(String s) {
        int n = s.length();
        boolean ascii = n <= 0xFFFF;
        for (int i = 0; i < n && ascii; i++) {
            char c = s.charAt(i);
            ascii = c >= 0x01 && c <= 0x7F;
        }
        if (!ascii) {
            writeEncoded(s);
            return;
        }
        room(2 + n);
        bytes[size++] = (byte) (n >>> 8);
        bytes[size++] = (byte) n;
        s.getBytes(0, n, bytes, size);   // characters below 0x80: their low bytes are their bytes
        size += n;
    }

    private void writeEncoded(String s) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream(2 + 3 * s.length());
        try {
            new DataOutputStream(encoded).writeUTF(s);
        } catch (IOException e) {
            // only a string of more than 65,535 encoded bytes: inputs hold texts of at most 100 characters
            throw new UncheckedIOException("a text too long for a staged pack", e);
        }
        byte[] b = encoded.toByteArray();
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    void writeBytes(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void room(int n) {
        if (bytes.length - size < n) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }
}

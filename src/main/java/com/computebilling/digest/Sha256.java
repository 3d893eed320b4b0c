package com.computebilling.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one digest the product uses: for line ids, the input files' identity, run lock keys and queue names.
 * Every Java runtime must provide it, so its absence is a broken runtime, not a case to handle.
 */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest, for input fed in pieces. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * One digest per thread for {@link #of}: every charge line's id is a digest, and looking the algorithm up among the
     * security providers cost about a quarter of it. {@code digest(byte[])} resets the digest, so each use starts
     * afresh.
     */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(Sha256::digest);

    /** The digest of a text's UTF-8 bytes. */
    public static byte[] of(String text) {
        return PER_THREAD.get().digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The first {@code bytes} bytes of a text's digest, in lower-case hex. */
    public static String hex(String text, int bytes) {
        return HexFormat.of().formatHex(of(text), 0, bytes);
    }
}

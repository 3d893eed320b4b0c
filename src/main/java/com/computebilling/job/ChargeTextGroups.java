package com.computebilling.job;

import com.computebilling.output.ChargeRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A rated group's charges.csv texts of one bucket, stored as a few values ("pieces") instead of a row per account and
 * resource (V20). On H2 such a row costs two tree inserts and, at commit, two more walks of the trees whatever its
 * size: measured with a build that rendered and packed the texts but stored none, the 100,000 rows of the one-day
 * benchmark set (17 lines a text) were a quarter of the rating step. A group is up to 250 resources on H2, so a piece
 * stands for about as many rows. A text of many lines keeps a row of its own ({@link #ownRow}): the row's cost is then a
 * small share of its lines', and writing charges.csv reads it in key order as it is, where a piece's texts go through
 * a scratch file to be put in that order ({@link ChargeTextsInKeyOrder}); on the 30-day benchmark set (700-odd lines a
 * text) pieces made the run slower.
 *
 * <p>A piece: the number of texts (four bytes); per text its account id and resource id ({@code writeUTF} strings),
 * part, line count, plain length and packed length (four bytes each); then each text's packed block in that order,
 * compressed alone (LZ4, see {@link PackedRows#block}) so that one can be read without the others ({@code explain}
 * reads one; {@code charges.csv} is written in another order than the pieces'). A text holding only the key of FOCUS
 * amortization rows is empty and has no block.
 */
final class ChargeTextGroups {

    /** Packed bytes in a piece before the next text starts a new one. */
    static final int PIECE_BYTES = 1 << 20;

    /** Characters of a text (some 110 rows) from which it is stored in a row of its own rather than in a piece. */
    static final int OWN_ROW_CHARS = 32_768;

    /** One text of a piece and where its packed block lies in the piece. */
    record Entry(String accountId, String resourceId, int part, int lineCount, int plainBytes, int packedBytes,
                 int at) {
    }

    private ChargeTextGroups() {
    }

    /** Whether the text is stored in a row of its own (charge_rows) rather than in its group's pieces. */
    static boolean ownRow(ChargeRows.Part text) {
        return text.rows().length() >= OWN_ROW_CHARS;
    }

    /** The parts (in rating order), packed into pieces of about {@code pieceBytes} packed bytes each. */
    static List<byte[]> pack(List<ChargeRows.Part> parts, int pieceBytes) {
        List<byte[]> pieces = new ArrayList<>();
        List<ChargeRows.Part> keys = new ArrayList<>();
        List<byte[]> blocks = new ArrayList<>();
        List<Integer> plainBytes = new ArrayList<>();
        int packed = 0;
        for (ChargeRows.Part p : parts) {
            byte[] plain = p.rows().getBytes(StandardCharsets.UTF_8);
            byte[] block = plain.length == 0 ? new byte[0] : PackedRows.block(plain);
            if (!keys.isEmpty() && packed + block.length > pieceBytes) {
                pieces.add(piece(keys, blocks, plainBytes, packed));
                keys.clear();
                blocks.clear();
                plainBytes.clear();
                packed = 0;
            }
            keys.add(p);
            blocks.add(block);
            plainBytes.add(plain.length);
            packed += block.length;
        }
        if (!keys.isEmpty()) {
            pieces.add(piece(keys, blocks, plainBytes, packed));
        }
        return pieces;
    }

    private static byte[] piece(List<ChargeRows.Part> keys, List<byte[]> blocks, List<Integer> plainBytes, int packed) {
        PackOutput out = new PackOutput(Integer.BYTES + keys.size() * 48 + packed);
        out.writeInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            ChargeRows.Part p = keys.get(i);
            out.writeUtf(p.accountId());
            out.writeUtf(p.resourceId());
            out.writeInt(p.part());
            out.writeInt(p.lineCount());
            out.writeInt(plainBytes.get(i));
            out.writeInt(blocks.get(i).length);
        }
        for (byte[] block : blocks) {
            out.writeBytes(block);
        }
        return out.toByteArray();
    }

    /** The piece's texts, in the order they were packed. */
    static List<Entry> entries(byte[] piece) {
        try {
            PackInput in = new PackInput(piece, 1);
            int n = in.readInt();
            record Head(String accountId, String resourceId, int part, int lineCount, int plainBytes, int packedBytes) {
            }
            List<Head> heads = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                // a resource's texts of several accounts follow each other: slot 0 keeps the resource id's string
                String account = in.readUtf();
                heads.add(new Head(account, in.readUtf(0), in.readInt(), in.readInt(), in.readInt(), in.readInt()));
            }
            List<Entry> entries = new ArrayList<>(n);
            int at = in.position();
            for (Head h : heads) {
                entries.add(new Entry(h.accountId(), h.resourceId(), h.part(), h.lineCount(), h.plainBytes(),
                        h.packedBytes(), at));
                at += h.packedBytes();
            }
            if (at != piece.length) {
                throw new IllegalStateException("a piece of stored charge texts of " + piece.length
                        + " bytes states " + at);
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("a piece of stored charge texts ends early", e);
        }
    }

    /** The UTF-8 bytes of one of the piece's texts. */
    static byte[] utf8(byte[] piece, Entry e) {
        return e.plainBytes() == 0 ? new byte[0] : PackedRows.unblock(piece, e.at(), e.packedBytes(), e.plainBytes());
    }
}

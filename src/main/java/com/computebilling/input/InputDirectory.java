package com.computebilling.input;

import com.computebilling.digest.Sha256;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An input directory: every {@code catalog*.csv}, {@code orders*.csv} and {@code usage*.csv} in it, each kind in
 * file-name order (which is the order rows are read in, and so decides which of two equal order ids came first).
 */
public final class InputDirectory {

    private final Path dir;
    private final Map<InputKind, List<Path>> files = new EnumMap<>(InputKind.class);

    public InputDirectory(Path dir) throws IOException {
        this.dir = dir;
        for (InputKind kind : InputKind.values()) {
            files.put(kind, new ArrayList<>());
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(Files::isRegularFile).sorted().forEach(p -> {
                for (InputKind kind : InputKind.values()) {
                    if (kind.matches(p.getFileName().toString())) {
                        files.get(kind).add(p);
                    }
                }
            });
        }
    }

    public Path path() {
        return dir;
    }

    public List<Path> files(InputKind kind) {
        return List.copyOf(files.get(kind));
    }

    /**
     * Problems that refuse the run before anything starts: a kind without files, a file without the required
     * header columns. Empty when the directory is usable.
     */
    public List<String> problems() throws IOException {
        List<String> problems = new ArrayList<>();
        for (InputKind kind : InputKind.values()) {
            if (files.get(kind).isEmpty()) {
                problems.add("no " + kind.pattern() + " file in " + dir);
                continue;
            }
            for (Path p : files.get(kind)) {
                try (CsvFileReader reader = new CsvFileReader(kind, p)) {
                    List<String> missing = reader.header().missing(kind.requiredColumns());
                    if (!missing.isEmpty()) {
                        problems.add(p.getFileName() + " lacks required column(s) " + String.join(", ", missing));
                    }
                } catch (IOException e) {
                    problems.add(p.getFileName() + " cannot be read: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    /** SHA-256 over every input file's name and bytes, in reading order: part of the job's identity. */
    public String digest() throws IOException {
        MessageDigest md = Sha256.digest();
        byte[] buffer = new byte[1 << 16];
        for (InputKind kind : InputKind.values()) {
            for (Path p : files.get(kind)) {
                md.update((kind.name() + "/" + p.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(p)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        md.update(buffer, 0, n);
                    }
                }
                md.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}

package com.computebilling.inbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A drop: {@code INBOX/<name>/} holding the input files, taken once its producer wrote {@code _READY} (last). The
 * marker may be empty or hold {@code period=...} and {@code zone=...} lines.
 */
final class Drop {

    static final String READY = "_READY";
    static final String ARCHIVE = ".archive";
    static final String ERROR = ".error";

    private final Path dir;

    public Drop(Path dir) {
        this.dir = dir;
    }

    public static boolean isReady(Path dir) {
        String name = dir.getFileName().toString();
        return Files.isDirectory(dir) && !name.startsWith(".") && Files.isRegularFile(dir.resolve(READY));
    }

    /** Arrival order: when the drop became ready, then its name. */
    public static final Comparator<Path> ARRIVAL = Comparator.comparing(Drop::readyTime).thenComparing(p -> p.getFileName().toString());

    private static FileTime readyTime(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(READY));
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    public String name() {
        return dir.getFileName().toString();
    }

    public Path dir() {
        return dir;
    }

    public Optional<String> period() throws IOException {
        return setting("period");
    }

    public Optional<String> zone() throws IOException {
        return setting("zone");
    }

    private Optional<String> setting(String key) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(READY));
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith(key + "=")) {
                String v = l.substring(key.length() + 1).strip();
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** Done: moves to {@code INBOX/.archive/<name>/}. */
    public Path archive() throws IOException {
        return moveTo(ARCHIVE);
    }

    /** Not billable as it is: moves to {@code INBOX/.error/<name>/} with {@code error.txt} saying why. */
    public Path reject(String why) throws IOException {
        Files.writeString(dir.resolve("error.txt"), why.endsWith("\n") ? why : why + "\n");
        return moveTo(ERROR);
    }

    private Path moveTo(String folder) throws IOException {
        Path parent = dir.getParent().resolve(folder);
        Files.createDirectories(parent);
        Path target = parent.resolve(name());
        for (int i = 2; Files.exists(target); i++) {
            target = parent.resolve(name() + "-" + i);    // the same name dropped again keeps both
        }
        return Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
    }
}

package com.computebilling.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A new embedded database started as a copy of an empty one that already holds the schema, instead of being created
 * statement by statement: Flyway running the product's migrations on a new H2 file is about a quarter of a second of
 * the command's start, a copy of the 50 KB file a few milliseconds (README, Performance). {@code scripts/billing}
 * makes the empty database once per build, with the same application on the same H2 ({@code billing history} on a
 * new file), and names it in {@code BILLING_EMPTY_DATABASE}.
 *
 * <p>Taken only for a plain {@code jdbc:h2:file:} URL without settings of its own (a setting may change what the file
 * holds, a cipher for one) and without a user or password (H2 makes the connecting user the database's
 * administrator when it creates it). A database the copy finds existing is never touched. Whatever goes wrong, the
 * command goes on as without a copy: H2 creates the file and Flyway the schema. A copy of an older build's empty
 * database is migrated by Flyway like any older database.
 */
final class EmptyDatabase {

    private static final String FILE_URL = "jdbc:h2:file:";

    private EmptyDatabase() {
    }

    /** The H2 file that {@code url} names, for a plain file URL; empty for any other. */
    static Optional<Path> fileOf(String url) {
        if (!url.startsWith(FILE_URL) || url.indexOf(';') >= 0) {
            return Optional.empty();
        }
        String path = url.substring(FILE_URL.length());
        // H2 refuses a path implicitly relative to the working directory ("data/billing"): no file is made for it
        if (!(path.startsWith("/") || path.startsWith("~") || path.startsWith("./") || path.startsWith("../"))) {
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path + ".mv.db"));
    }

    /**
     * Puts a copy of {@code empty} in place as the database {@code url} names, unless that database exists; returns
     * whether it did. The copy is made beside it under another name and linked into place, so a command that opens the
     * database meanwhile sees either no file or the whole one, and of two commands making it at once one wins.
     */
    static boolean copyIfNew(String url, Path empty) {
        Optional<Path> file = fileOf(url);
        if (file.isEmpty() || Files.exists(file.get()) || !Files.isRegularFile(empty)) {
            return false;
        }
        Path target = file.get().toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            // named by the process, not made by createTempFile, whose file is readable by its owner alone: the
            // database gets the permissions H2 would have given it
            Path copy = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + "-" + Thread.currentThread().getId() + ".copy");
            try {
                Files.copy(empty, copy, StandardCopyOption.REPLACE_EXISTING);
                Files.createLink(target, copy);
                return true;
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (FileAlreadyExistsException e) {
            return false;   // another command made the database first
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;   // e.g. a file system without hard links: H2 and Flyway create the database
        }
    }
}

package com.computebilling.inbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A watcher that is stopping takes no drop: one it picks up meanwhile stays where it is, for the next start. */
class DropProcessingTest {

    @TempDir
    Path tmp;

    @Test
    void a_drop_taken_as_the_watcher_stops_is_left_in_the_inbox_and_the_stop_waits_for_it_to_settle() throws Exception {
        Path inbox = tmp.resolve("inbox");
        Path drop = Files.createDirectories(inbox.resolve("d1"));
        Files.writeString(drop.resolve(Drop.READY), "");
        // no runs and no locks: a stopping watcher must not reach them
        DropProcessing drops = new DropProcessing(null, null, tmp.resolve("out"), "UTC", 1000, null);

        drops.stopTaking();
        Object taken = drops.launchRequestFor(drop.toFile());

        assertThat(taken).isInstanceOf(DropProcessing.Left.class);
        assertThat(drops.awaitSettled(System.nanoTime())).as("in flight until settled").isFalse();
        drops.settle(taken, drop.toFile());
        assertThat(drops.awaitSettled(System.nanoTime())).isTrue();
        assertThat(drop.resolve(Drop.READY)).exists();
        assertThat(inbox.resolve(".error")).doesNotExist();
        assertThat(inbox.resolve(".archive")).doesNotExist();
    }
}

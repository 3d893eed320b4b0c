package com.computebilling.job;

import com.computebilling.output.OutputFile;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Outputs a step writes ahead of {@code writeOutputs}, beside another step, under pending names of the output
 * directory ({@code .charges.csv.pending}): not outputs yet, forced to disk, and recorded in the step's execution
 * context with the directory and each file's size, so that {@code writeOutputs}, in this attempt or a later one,
 * puts them in place only as they were made ({@link WriteChargesTasklet}, {@link WriteInvoicesTasklet}).
 */
final class PendingFiles {

    private PendingFiles() {
    }

    /** The pending name of an output: {@code charges.csv} → {@code .charges.csv.pending}. */
    static String name(String output) {
        return "." + output + ".pending";
    }

    /**
     * Removes these outputs' pending files and any temporary of theirs ({@link OutputFile}) that an attempt which died
     * while making them left.
     */
    static void clear(Path outputDir, String... outputs) throws IOException {
        List<String> pending = new ArrayList<>();
        for (String output : outputs) {
            Files.deleteIfExists(outputDir.resolve(name(output)));
            pending.add(name(output));
        }
        OutputFile.removeLeftovers(outputDir, pending);
    }

    /** Records the pending files of these outputs, just made in {@code outputDir}, in the step's context. */
    static void record(ExecutionContext context, Path outputDir, String... outputs) throws IOException {
        context.putString(directoryKey(outputs[0]), outputDir.toAbsolutePath().normalize().toString());
        for (String output : outputs) {
            context.putLong(bytesKey(output), Files.size(outputDir.resolve(name(output))));
        }
    }

    /**
     * The context of this job instance's last execution of {@code step} when it completed, recorded these outputs'
     * pending files in this directory, holds what {@code complete} asks of it, and each file is there at the size it
     * recorded; otherwise empty, and whatever pending files of these outputs are there are removed (the caller then
     * writes the outputs itself).
     */
    static Optional<ExecutionContext> intact(JobRepository repository, JobInstance instance, String step,
                                             Path outputDir, Predicate<ExecutionContext> complete, String... outputs)
            throws IOException {
        StepExecution last = repository.getLastStepExecution(instance, step);
        ExecutionContext kept = last == null || last.getStatus() != BatchStatus.COMPLETED ? null
                : last.getExecutionContext();
        boolean usable = kept != null && complete.test(kept)
                && outputDir.toAbsolutePath().normalize().toString().equals(kept.getString(directoryKey(outputs[0]), ""));
        for (String output : outputs) {
            Path pending = outputDir.resolve(name(output));
            usable = usable && kept.containsKey(bytesKey(output)) && Files.isRegularFile(pending)
                    && Files.size(pending) == kept.getLong(bytesKey(output));
        }
        if (!usable) {
            clear(outputDir, outputs);
            return Optional.empty();
        }
        return Optional.of(kept);
    }

    /** Moves the pending files into place, in the order given (each was forced to disk when it was made). */
    static void putInPlace(Path outputDir, String... outputs) throws IOException {
        for (String output : outputs) {
            OutputFile.putInPlace(outputDir.resolve(name(output)), outputDir.resolve(output));
        }
    }

    // billing.charges.directory, billing.charges.bytes: the keys the steps have always kept them under
    private static String directoryKey(String output) {
        return "billing." + stem(output) + ".directory";
    }

    private static String bytesKey(String output) {
        return "billing." + stem(output) + ".bytes";
    }

    private static String stem(String output) {
        return output.substring(0, output.indexOf('.'));
    }
}

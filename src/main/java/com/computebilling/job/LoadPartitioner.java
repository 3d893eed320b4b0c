package com.computebilling.job;

import com.computebilling.input.FileSplits;
import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The partitions of a load step: every file of the input kind, large files cut into byte ranges that begin where a row
 * begins ({@link FileSplits}), about {@code 1/grid} of the kind's bytes each and never under {@link #MIN_RANGE}.
 * <p>
 * The cut depends only on the files and the grid size, and Spring Batch keeps a partitioned step's grid size across a
 * restart, so a resumed run finds each partition's range as it was (the input digest in the run's identity holds the
 * files). A restarted partition reads its range from its own saved context anyway.
 */
final class LoadPartitioner implements Partitioner {

    /** Below this a range is not worth its own step execution. */
    static final long MIN_RANGE = 1 << 20;

    private final InputKind kind;

    LoadPartitioner(InputKind kind) {
        this.kind = kind;
    }

    @Override
    public Map<String, ExecutionContext> partition(int grid) {
        StepExecution manager = StepSynchronizationManager.getContext().getStepExecution();
        Path inputDir = Path.of(manager.getJobParameters().getString(JobKeys.INPUT_DIR));
        try {
            List<Path> files = new InputDirectory(inputDir).files(kind);
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            long target = Math.max(MIN_RANGE, (bytes + grid - 1) / Math.max(1, grid));
            Map<String, ExecutionContext> parts = new TreeMap<>();
            for (Path f : files) {
                for (FileSplits.Range r : FileSplits.of(f, target)) {
                    parts.put(String.format("partition%02d", parts.size()),
                            new LoadRange(f.toAbsolutePath().toString(), r).context());
                }
            }
            return parts;
        } catch (IOException | UncheckedIOException e) {
            throw new ItemStreamException("cannot cut the " + kind.pattern() + " files of " + inputDir + " into ranges", e);
        }
    }
}

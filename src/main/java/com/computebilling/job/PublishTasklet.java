package com.computebilling.job;

import com.computebilling.invoicing.Invoice;
import com.computebilling.invoicing.InvoiceStatus;
import com.computebilling.time.ProcessedPeriod;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import java.time.YearMonth;
import java.util.List;

/**
 * Makes the run's charges the stored charges of its period and recomputes the invoices of its months from all
 * stored charges, in one transaction: before it commits the previous results stand, after it the new ones.
 */
class PublishTasklet implements Tasklet {

    private final RunStore runStore;
    private final Ledger ledger;
    private final long runId;

    PublishTasklet(RunStore runStore, Ledger ledger, long runId) {
        this.runStore = runStore;
        this.ledger = ledger;
        this.runId = runId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ProcessedPeriod period = runStore.plan(runId).orElseThrow();
        ledger.takeOwnership(runId, period);
        InvoiceStatus status = period.closesMonths() ? InvoiceStatus.FINAL : InvoiceStatus.DRAFT;
        for (YearMonth month : period.months()) {
            List<Invoice> invoices = ledger.invoiceTotals(period.zone(), month).stream()
                    .map(t -> Invoice.from(t, status)).toList();
            ledger.replaceInvoices(runId, period.zone(), month, invoices);
        }
        return RepeatStatus.FINISHED;
    }
}

package com.computebilling.workers;

import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request on the wire: {@code STEP_EXECUTION_ID STEP_NAME} as text, so that a worker never deserializes
 * Java objects from the broker.
 */
final class PartitionRequests {

    private PartitionRequests() {
    }

    static String text(StepExecutionRequest request) {
        return request.getStepExecutionId() + " " + request.getStepName();
    }

    static StepExecutionRequest parse(Object payload) {
        String text = payload instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(payload);
        int space = text.indexOf(' ');
        if (space <= 0 || !text.substring(0, space).matches("\\d{1,18}") || space == text.length() - 1) {
            throw new IllegalArgumentException("not a partition request: '" + text + "'");
        }
        return new StepExecutionRequest(text.substring(space + 1), Long.parseLong(text.substring(0, space)));
    }
}

package io.helmdeck.sync.chart;

import io.helmdeck.model.Reasons;

/** A chart archive that cannot or must not be read; its reason is always {@link Reasons#INVALID_CHART}. */
public class InvalidChartException extends RuntimeException {

    public InvalidChartException(String message) {
        super(message);
    }

    public InvalidChartException(String message, Throwable cause) {
        super(message, cause);
    }

    public String reason() {
        return Reasons.INVALID_CHART;
    }
}

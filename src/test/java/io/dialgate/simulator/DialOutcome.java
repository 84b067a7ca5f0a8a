package io.dialgate.simulator;

/**
 * How a simulated call attempt ends. Each outcome fixes the values the dialer reports for it:
 * the system wrap-up code Genesys uses for dialer-handled attempts (an agent-handled call gets the
 * agent's wrap-up code instead), the customer's disconnect type and the call-analysis disposition.
 */
public enum DialOutcome {
    ANSWERED(true, null, "ENDPOINT", "disposition.classification.callable.person"),
    NO_ANSWER(false, "ININ-OUTBOUND-NO-ANSWER", "SYSTEM", "disposition.classification.callable.noanswer"),
    BUSY(false, "ININ-OUTBOUND-BUSY", "ENDPOINT", "disposition.classification.callable.busy"),
    MACHINE(false, "ININ-OUTBOUND-MACHINE", "SYSTEM", "disposition.classification.callable.machine");

    private final boolean answered;
    private final String systemWrapupCode;
    private final String disconnectType;
    private final String callAnalysisDisposition;

    DialOutcome(boolean answered, String systemWrapupCode, String disconnectType, String callAnalysisDisposition) {
        this.answered = answered;
        this.systemWrapupCode = systemWrapupCode;
        this.disconnectType = disconnectType;
        this.callAnalysisDisposition = callAnalysisDisposition;
    }

    /** True when a person answered and an agent talked to them. */
    public boolean answered() {
        return answered;
    }

    /** The dialer's own wrap-up code; null for {@link #ANSWERED}, where the agent picks one. */
    public String systemWrapupCode() {
        return systemWrapupCode;
    }

    /** A value of the {@code disconnectType} enum of the customer.end topic. */
    public String disconnectType() {
        return disconnectType;
    }

    public String callAnalysisDisposition() {
        return callAnalysisDisposition;
    }
}

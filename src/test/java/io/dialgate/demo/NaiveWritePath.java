package io.dialgate.demo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What CRM integrations do today: PUT the contact straight to Genesys. A 429 waits its Retry-After and tries again; a
 * 409 (contact in a dial) or a failure is retried after 1, 2 and 4 s, then the write is given up and logged. Retries
 * resend the body the write was made with, as a queued job would.
 */
public final class NaiveWritePath extends DirectWritePath {

    /** Retries after a 409 or a failure before the write is given up. */
    public static final int CONFLICT_RETRIES = 3;

    private final GenesysDirectClient genesys;
    private final Duration firstRetry;
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    public NaiveWritePath(GenesysDirectClient genesys) {
        this(genesys, Duration.ofSeconds(1));
    }

    /** @param firstRetry delay before the first retry after a 409; doubles for each further retry */
    public NaiveWritePath(GenesysDirectClient genesys, Duration firstRetry) {
        super("naive-crm");
        this.genesys = genesys;
        this.firstRetry = firstRetry;
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    protected void send(CrmWrite.Sent write) {
        now(() -> attempt(write, 0));
    }

    private void attempt(CrmWrite.Sent sent, int failures) {
        CrmWrite w = sent.write();
        GenesysDirectClient.Answer answer = genesys.put(w.contactListId(), w.contactId(), w.fullRecord());
        if (answer.ok()) {
            offHands(sent);
        } else if (answer.status() == 429) {
            later(() -> attempt(sent, failures), retryAfter(answer));
        } else if (answer.status() == 409 || answer.status() == 0 || answer.status() >= 500) {
            if (answer.status() == 409) {
                conflicts.incrementAndGet();
            }
            if (failures >= CONFLICT_RETRIES) {
                givenUp.incrementAndGet();
                offHands(sent);
            } else {
                later(() -> attempt(sent, failures + 1), firstRetry.multipliedBy(1L << failures));
            }
        } else {
            givenUp.incrementAndGet();
            offHands(sent);
        }
    }

    /** 409s this path's own PUTs got. */
    public int conflicts() {
        return conflicts.get();
    }

    /** Writes given up after their retries: unless a newer write of the contact lands, Genesys never gets them. */
    public int givenUp() {
        return givenUp.get();
    }
}

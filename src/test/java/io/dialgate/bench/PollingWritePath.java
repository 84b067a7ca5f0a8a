package io.dialgate.bench;

import io.dialgate.demo.CrmWrite;
import io.dialgate.demo.DirectWritePath;
import io.dialgate.demo.GenesysDirectClient;
import io.dialgate.simulator.GenesysSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The careful integration without dialgate: before each write, ask Genesys every {@code interval} whether the contact
 * is idle, and PUT only then. Each poll is a real GET of the contact (it counts against the rate limit and in the
 * call totals). The simulator has no campaign-interactions endpoint, so whether the contact is in a dial is read from
 * the simulator's own dial lock, which is what that endpoint would answer; the race it leaves open (the dialer takes
 * the contact between the poll and the PUT) is real and answered with 409, after which the write polls again.
 */
final class PollingWritePath extends DirectWritePath {

    private final GenesysDirectClient genesys;
    private final GenesysSimulator dialerView;
    private final Duration interval;
    private final Duration giveUpAfter;
    private final AtomicInteger givenUp = new AtomicInteger();

    PollingWritePath(
            GenesysDirectClient genesys, GenesysSimulator dialerView, Duration interval, Duration giveUpAfter) {
        super("polling-crm");
        this.genesys = genesys;
        this.dialerView = dialerView;
        this.interval = interval;
        this.giveUpAfter = giveUpAfter;
    }

    @Override
    public String name() {
        return "polling";
    }

    @Override
    protected void send(CrmWrite.Sent write) {
        now(() -> poll(write));
    }

    private void poll(CrmWrite.Sent sent) {
        CrmWrite w = sent.write();
        if (Duration.between(sent.at(), Instant.now()).compareTo(giveUpAfter) > 0) {
            givenUp.incrementAndGet();
            offHands(sent);
            return;
        }
        GenesysDirectClient.Answer look = genesys.get(w.contactListId(), w.contactId());
        if (look.status() == 429) {
            later(() -> poll(sent), retryAfter(look));
            return;
        }
        if (!look.ok() || dialerView.dialer().isActive(w.contactListId(), w.contactId())) {
            later(() -> poll(sent), interval);
            return;
        }
        GenesysDirectClient.Answer put = genesys.put(w.contactListId(), w.contactId(), w.fullRecord());
        if (put.ok()) {
            offHands(sent);
        } else if (put.status() == 429) {
            later(() -> poll(sent), retryAfter(put));
        } else if (put.status() == 409 || put.status() == 0 || put.status() >= 500) {
            later(() -> poll(sent), interval);
        } else {
            givenUp.incrementAndGet();
            offHands(sent);
        }
    }

    int givenUp() {
        return givenUp.get();
    }
}

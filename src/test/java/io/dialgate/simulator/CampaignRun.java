package io.dialgate.simulator;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running demo campaign: starts a dial every 60/{@code dialsPerMinute} seconds on the next
 * callable contact of the list that is not already in a dial (round robin, so contacts are
 * recycled), and plays each dial out with ring, talk and wrap-up times drawn from a seeded Random.
 * Outcomes and durations are drawn in dial order, so the same seed gives the same sequence.
 */
public final class CampaignRun implements AutoCloseable {

    private static final Dial.Step[] STEPS = Dial.Step.values();
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final SimulatedDialer dialer;
    private final SimulatedContacts contacts;
    private final CampaignSettings settings;
    private final Random random;
    private final ScheduledThreadPoolExecutor scheduler;
    private final List<Dial> dials = new CopyOnWriteArrayList<>();
    private final Set<CampaignDial> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger deliveryFailures = new AtomicInteger();
    private volatile boolean running;
    /** Only touched by the periodic tick, which never overlaps itself. */
    private int cursor;

    CampaignRun(SimulatedDialer dialer, SimulatedContacts contacts, CampaignSettings settings) {
        this.dialer = dialer;
        this.contacts = contacts;
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.scheduler = new ScheduledThreadPoolExecutor(2, runnable -> {
            Thread thread = new Thread(runnable, "genesys-sim-campaign-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // on stop, pending steps are not left to the executor: stop() plays them out itself
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    }

    void start() {
        running = true;
        long periodNanos = (long) (60_000_000_000L / settings.dialsPerMinute());
        scheduler.scheduleAtFixedRate(this::tick, 0, Math.max(1, periodNanos), TimeUnit.NANOSECONDS);
    }

    /** True while new dials are still being started. */
    public boolean isRunning() {
        return running;
    }

    public int dialsStarted() {
        return dials.size();
    }

    public int dialsCompleted() {
        return completed.get();
    }

    /** Events that could not be delivered at all (sink unreachable); non-2xx answers are in {@link SimulatedDialer#deliveries()}. */
    public int deliveryFailures() {
        return deliveryFailures.get();
    }

    /** The dials in the order they were started. */
    public List<Dial> dials() {
        return List.copyOf(dials);
    }

    /**
     * With {@code maxDials} set: waits until all dials were started and finished.
     *
     * @return false on timeout
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running || !inFlight.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        scheduler.shutdown();
        return true;
    }

    /**
     * Starts no further dials and plays out the dials in progress right away (remaining events are
     * delivered in order), so no contact stays locked after the campaign.
     */
    public void stop() {
        running = false;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CampaignDial dial : List.copyOf(inFlight)) {
            dial.finish();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** For simulator reset/close: drops everything without delivering more events. */
    void stopWithoutFinishing() {
        running = false;
        scheduler.shutdownNow();
        inFlight.clear();
    }

    private void tick() {
        try {
            if (!running) {
                return;
            }
            if (settings.maxDials() > 0 && dials.size() >= settings.maxDials()) {
                running = false;
                return;
            }
            Optional<StoredContact> contact = nextContact();
            if (contact.isEmpty()) {
                return;
            }
            DialOutcome outcome = pickOutcome();
            Duration ring = settings.ring().pick(random);
            Duration talk = outcome.answered() ? settings.talk().pick(random) : Duration.ZERO;
            Duration wrapup = settings.wrapup().pick(random);
            Dial dial = dialer.prepare(settings.contactListId(), contact.get().id(), outcome);
            if (outcome.answered()) {
                dial.setTalkDuration(talk);
            }
            CampaignDial campaignDial = new CampaignDial(dial);
            dials.add(dial);
            inFlight.add(campaignDial);
            campaignDial.advance(); // preContact
            campaignDial.advance(); // outbound: the call is placed right away
            later(ring.plus(talk), () -> {
                campaignDial.advance(); // customer.end
                later(wrapup, campaignDial::advance); // postContact
            });
        } catch (RuntimeException e) {
            // a periodic task that throws is silently cancelled; keep the campaign alive instead
            deliveryFailures.incrementAndGet();
        }
    }

    private void later(Duration delay, Runnable step) {
        try {
            scheduler.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            // stop() is running and will play the remaining steps itself
        }
    }

    private Optional<StoredContact> nextContact() {
        List<StoredContact> list = contacts.list(settings.contactListId());
        for (int i = 0; i < list.size(); i++) {
            StoredContact candidate = list.get((cursor + i) % list.size());
            if (candidate.callable() && !contacts.isInActiveDial(candidate.contactListId(), candidate.id())) {
                cursor = (cursor + i + 1) % list.size();
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private DialOutcome pickOutcome() {
        int total = settings.outcomeWeights().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        int draw = random.nextInt(total);
        for (DialOutcome outcome : DialOutcome.values()) {
            draw -= settings.outcomeWeights().getOrDefault(outcome, 0);
            if (draw < 0) {
                return outcome;
            }
        }
        throw new IllegalStateException("unreachable: weights sum to " + total);
    }

    /** One dial's progress through its steps; steps run one at a time and each exactly once. */
    private final class CampaignDial {
        private final Dial dial;
        private int next;
        private boolean abandoned;

        CampaignDial(Dial dial) {
            this.dial = dial;
        }

        synchronized void advance() {
            if (next >= STEPS.length) {
                return;
            }
            Dial.Step step = STEPS[next++];
            try {
                switch (step) {
                    case PRE_CONTACT:
                        dial.preContact();
                        break;
                    case OUTBOUND:
                        dial.outbound();
                        break;
                    case CUSTOMER_END:
                        dial.customerEnd();
                        break;
                    default:
                        dial.postContact();
                        break;
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                deliveryFailures.incrementAndGet();
                if (step == Dial.Step.PRE_CONTACT && !dial.isActive()) {
                    next = STEPS.length; // someone else holds the contact: this dial never started
                    abandoned = true;
                    dials.remove(dial);
                }
            }
            if (next >= STEPS.length) {
                inFlight.remove(this);
                if (!abandoned) {
                    completed.incrementAndGet();
                }
            }
        }

        synchronized void finish() {
            while (next < STEPS.length) {
                advance();
            }
        }
    }
}

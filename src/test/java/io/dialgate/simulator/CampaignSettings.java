package io.dialgate.simulator;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link SimulatedDialer#runCampaign} dials one contact list.
 *
 * @param dialsPerMinute new dials started per minute (one every 60/rate seconds)
 * @param ring           time from the outbound event until the call is answered or given up
 * @param talk           time the customer talks to the agent (answered calls only)
 * @param wrapup         time from customer.end until postContact
 * @param outcomeWeights relative weight of each outcome
 * @param seed           seeds the Random that draws contacts' outcomes and durations, for reproducible runs
 * @param maxDials       stop starting dials after this many; 0 means until stopped
 */
public record CampaignSettings(
        String contactListId,
        double dialsPerMinute,
        DurationRange ring,
        DurationRange talk,
        DurationRange wrapup,
        Map<DialOutcome, Integer> outcomeWeights,
        long seed,
        int maxDials) {

    public CampaignSettings {
        Objects.requireNonNull(contactListId, "contactListId");
        if (!(dialsPerMinute > 0)) {
            throw new IllegalArgumentException("dialsPerMinute must be positive");
        }
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(talk, "talk");
        Objects.requireNonNull(wrapup, "wrapup");
        outcomeWeights = Map.copyOf(outcomeWeights);
        if (outcomeWeights.values().stream().anyMatch(w -> w < 0)
                || outcomeWeights.values().stream().mapToInt(Integer::intValue).sum() == 0) {
            throw new IllegalArgumentException("outcome weights must be non-negative and not all zero");
        }
        if (maxDials < 0) {
            throw new IllegalArgumentException("maxDials must be >= 0");
        }
    }

    /** Defaults: 30 dials/min, ring 2-8 s, talk 5-30 s, wrap-up 2-10 s, 60% answered, seed 1, unlimited. */
    public static Builder forList(String contactListId) {
        return new Builder(contactListId);
    }

    public static final class Builder {
        private final String contactListId;
        private double dialsPerMinute = 30;
        private DurationRange ring = DurationRange.ofSeconds(2, 8);
        private DurationRange talk = DurationRange.ofSeconds(5, 30);
        private DurationRange wrapup = DurationRange.ofSeconds(2, 10);
        private final Map<DialOutcome, Integer> outcomeWeights = new EnumMap<>(
                Map.of(DialOutcome.ANSWERED, 6, DialOutcome.NO_ANSWER, 2, DialOutcome.BUSY, 1, DialOutcome.MACHINE, 1));
        private long seed = 1;
        private int maxDials = 0;

        private Builder(String contactListId) {
            this.contactListId = contactListId;
        }

        public Builder dialsPerMinute(double value) {
            this.dialsPerMinute = value;
            return this;
        }

        public Builder ring(DurationRange value) {
            this.ring = value;
            return this;
        }

        public Builder talk(DurationRange value) {
            this.talk = value;
            return this;
        }

        public Builder wrapup(DurationRange value) {
            this.wrapup = value;
            return this;
        }

        /** Replaces all weights: outcomes not named get weight 0. */
        public Builder outcomeWeights(Map<DialOutcome, Integer> value) {
            outcomeWeights.clear();
            outcomeWeights.putAll(value);
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder maxDials(int value) {
            this.maxDials = value;
            return this;
        }

        public CampaignSettings build() {
            return new CampaignSettings(
                    contactListId, dialsPerMinute, ring, talk, wrapup, outcomeWeights, seed, maxDials);
        }
    }
}

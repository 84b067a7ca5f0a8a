package io.dialgate.demo;

import io.dialgate.simulator.CampaignSettings;
import io.dialgate.simulator.DialOutcome;
import io.dialgate.simulator.DurationRange;
import io.dialgate.simulator.GenesysSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A predictive campaign on one contact list, the same in every simulator it is given to: the same contacts (ids and
 * data drawn from {@code seed}) dialed in the same order with the same outcomes and durations. That is what lets two
 * write paths see "the same campaign", side by side or one after the other.
 *
 * <p>Durations are compressed about tenfold against a real campaign (talk of seconds, not minutes) so that a demo of a
 * minute or two ends many dials; the dial rate and concurrency are those of a mid-size team.
 */
public record CampaignPlan(
        String contactListId,
        int contacts,
        double dialsPerMinute,
        DurationRange ring,
        DurationRange talk,
        DurationRange wrapup,
        long seed) {

    /** 1,200 dials a minute, ring 1-5 s, 60% answered with 3-15 s of talk, wrap-up 1-6 s: about 200 calls at once. */
    public static CampaignPlan standard(String contactListId, int contacts, long seed) {
        return new CampaignPlan(
                contactListId,
                contacts,
                1200,
                DurationRange.ofSeconds(1, 5),
                DurationRange.ofSeconds(3, 15),
                DurationRange.ofSeconds(1, 6),
                seed);
    }

    /** The same campaign (same contact ids, order, outcomes and durations) on another contact list. */
    public CampaignPlan inList(String otherListId) {
        return new CampaignPlan(otherListId, contacts, dialsPerMinute, ring, talk, wrapup, seed);
    }

    public CampaignPlan withDialsPerMinute(double value) {
        return new CampaignPlan(contactListId, contacts, value, ring, talk, wrapup, seed);
    }

    public CampaignPlan withDurations(DurationRange newRing, DurationRange newTalk, DurationRange newWrapup) {
        return new CampaignPlan(contactListId, contacts, dialsPerMinute, newRing, newTalk, newWrapup, seed);
    }

    public CampaignSettings settings() {
        return CampaignSettings.forList(contactListId)
                .dialsPerMinute(dialsPerMinute)
                .ring(ring)
                .talk(talk)
                .wrapup(wrapup)
                .outcomeWeights(Map.of(
                        DialOutcome.ANSWERED, 6, DialOutcome.NO_ANSWER, 2, DialOutcome.BUSY, 1, DialOutcome.MACHINE, 1))
                .seed(seed)
                .build();
    }

    /** The contact ids, in dialing order. */
    public List<String> contactIds() {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>(contacts);
        for (int i = 0; i < contacts; i++) {
            ids.add(String.format("%016x%016x", random.nextLong(), random.nextLong()));
        }
        return ids;
    }

    /** The data a contact starts with, in Genesys and in the CRM alike. */
    public static Map<String, String> initialData(int index) {
        return Map.of(
                "phone",
                String.format("+1317555%04d", index % 10_000),
                "first_name",
                "Customer" + index,
                "segment",
                index % 3 == 0 ? "retail" : "business",
                CrmWrite.SEQ_COLUMN,
                "w0");
    }

    /** Seeds every contact of the plan into the simulator. */
    public List<String> seed(GenesysSimulator genesys) {
        List<String> ids = contactIds();
        for (int i = 0; i < ids.size(); i++) {
            genesys.contacts().put(contactListId, ids.get(i), initialData(i));
        }
        return ids;
    }
}

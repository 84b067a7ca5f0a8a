package io.dialgate.demo;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.GenesysSimulator;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Makes the CRM's writes: a set share goes to contacts the dialer has in a dial right now (agents disposition calls
 * in the CRM while the call or its wrap-up is still going, which is exactly when a direct write collides), the rest to
 * any contact of the list. Keeps the CRM's own record of every contact so a direct PUT can carry all of it.
 * Not thread-safe: one thread generates.
 */
public final class WriteGenerator {

    private static final String[] STATUSES = {"new", "contacted", "callback", "promise-to-pay", "paid", "review"};

    private final CampaignPlan plan;
    private final List<String> contactIds;
    private final GenesysSimulator watched;
    private final double inDialShare;
    private final Random random;
    private final Map<String, Map<String, String>> records = new HashMap<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private long seq;

    /**
     * @param watched     the simulator whose active dials the CRM aims at
     * @param inDialShare 0-1: the share of writes aimed at a contact in a dial
     */
    public WriteGenerator(CampaignPlan plan, GenesysSimulator watched, double inDialShare, long seed) {
        this.plan = plan;
        this.contactIds = plan.contactIds();
        this.watched = watched;
        this.inDialShare = inDialShare;
        this.random = new Random(seed);
        for (int i = 0; i < contactIds.size(); i++) {
            indexOf.put(contactIds.get(i), i);
        }
    }

    public CrmWrite next(long offsetMillis) {
        String contact = pickContact();
        long n = ++seq;
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(CrmWrite.SEQ_COLUMN, CrmWrite.seqValue(n));
        columns.put("crm_status", STATUSES[random.nextInt(STATUSES.length)]);
        if (random.nextInt(10) < 3) {
            columns.put("crm_owner", "agent-" + (1 + random.nextInt(40)));
        }
        Map<String, String> record =
                records.computeIfAbsent(contact, c -> new LinkedHashMap<>(CampaignPlan.initialData(indexOf.get(c))));
        record.putAll(columns);
        return new CrmWrite(n, offsetMillis, plan.contactListId(), contact, Map.copyOf(columns), Map.copyOf(record));
    }

    private String pickContact() {
        if (random.nextDouble() < inDialShare) {
            List<Dial> active = watched.dialer().activeDials();
            if (!active.isEmpty()) {
                return active.get(random.nextInt(active.size())).contactId();
            }
        }
        return contactIds.get(random.nextInt(contactIds.size()));
    }
}

package io.dialgate.dispatch;

import io.dialgate.tenant.ApplyMode;
import io.dialgate.tenant.ApplyPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one claim round's contacts go to Genesys: batches of one list's contacts applied in bulk, contacts applied one
 * at a time, and those the free apply slots cannot take now (given back at once, to be claimed again). Each batch and
 * each single contact takes one apply slot.
 */
record ApplyBatches(List<List<ClaimedContact>> bulk, List<ClaimedContact> single, List<ClaimedContact> later) {

    /** Contacts to claim for {@code freeSlots} slots: a slot takes one contact, or a whole batch in bulk modes. */
    static int claimSize(ApplyPolicy policy, int freeSlots) {
        return policy.mode() == ApplyMode.CONTACT ? freeSlots : freeSlots * policy.batchSize();
    }

    static ApplyBatches plan(ApplyPolicy policy, List<ClaimedContact> claimed, int freeSlots) {
        Map<String, List<ClaimedContact>> byList = new LinkedHashMap<>();
        claimed.forEach(contact -> byList.computeIfAbsent(contact.contactListId(), list -> new ArrayList<>())
                .add(contact));
        List<List<ClaimedContact>> bulk = new ArrayList<>();
        List<ClaimedContact> single = new ArrayList<>();
        List<ClaimedContact> later = new ArrayList<>();
        int slots = freeSlots;
        for (List<ClaimedContact> list : byList.values()) {
            if (!policy.inBulk(list.size())) {
                continue;
            }
            for (int from = 0; from < list.size(); from += policy.batchSize()) {
                List<ClaimedContact> batch = list.subList(from, Math.min(list.size(), from + policy.batchSize()));
                if (slots > 0) {
                    bulk.add(List.copyOf(batch));
                    slots--;
                } else {
                    later.addAll(batch);
                }
            }
        }
        for (List<ClaimedContact> list : byList.values()) {
            if (policy.inBulk(list.size())) {
                continue;
            }
            for (ClaimedContact contact : list) {
                if (slots > 0) {
                    single.add(contact);
                    slots--;
                } else {
                    later.add(contact);
                }
            }
        }
        return new ApplyBatches(bulk, single, later);
    }
}

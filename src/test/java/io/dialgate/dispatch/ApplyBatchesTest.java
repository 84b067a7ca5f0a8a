package io.dialgate.dispatch;

import io.dialgate.tenant.ApplyMode;
import io.dialgate.tenant.ApplyPolicy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApplyBatchesTest {

    private static final String A = "a0000000-0000-4000-8000-000000000001";
    private static final String B = "b0000000-0000-4000-8000-000000000002";

    @Test
    void contactModeClaimsOneContactPerSlotAndSendsEachAlone() {
        ApplyPolicy policy = new ApplyPolicy(ApplyMode.CONTACT, 5, 50, 50);
        assertEquals(4, ApplyBatches.claimSize(policy, 4));
        ApplyBatches plan = ApplyBatches.plan(policy, contacts(A, 6), 8);
        assertEquals(0, plan.bulk().size());
        assertEquals(6, plan.single().size());
    }

    @Test
    void autoModeBatchesAListFromBulkMinOnAndSendsSmallerGroupsAlone() {
        ApplyPolicy policy = new ApplyPolicy(ApplyMode.AUTO, 5, 50, 50);
        assertEquals(400, ApplyBatches.claimSize(policy, 8));
        List<ClaimedContact> claimed = new ArrayList<>(contacts(A, 5));
        claimed.addAll(contacts(B, 4));
        ApplyBatches plan = ApplyBatches.plan(policy, claimed, 8);
        assertEquals(List.of(5), plan.bulk().stream().map(List::size).toList());
        assertEquals(4, plan.single().size());
        assertEquals(0, plan.later().size());
    }

    @Test
    void aBatchHoldsAtMostTheSmallerRequestLimitAndWhatNoSlotTakesIsGivenBack() {
        ApplyPolicy policy = new ApplyPolicy(ApplyMode.BULK, 5, 10, 50);
        List<ClaimedContact> claimed = new ArrayList<>(contacts(A, 25));
        claimed.addAll(contacts(B, 1));
        ApplyBatches plan = ApplyBatches.plan(policy, claimed, 2);
        assertEquals(List.of(10, 10), plan.bulk().stream().map(List::size).toList());
        assertEquals(0, plan.single().size());
        assertEquals(6, plan.later().size(), "5 of list A and the one of list B wait for a free slot");
    }

    private static List<ClaimedContact> contacts(String list, int count) {
        List<ClaimedContact> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String member = list + ":c" + i;
            contacts.add(ClaimedContact.of(member, "lease-" + i, Map.of("d:tier", "gold"), List.of("w" + i)));
        }
        return contacts;
    }
}

package io.dialgate.demo;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.StoredContact;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What Genesys saw of one run of a write stream on one contact list, whichever path the writes took: calls by kind and
 * answer, writes that reached it, and writes whose values are not what Genesys holds at the end.
 *
 * @param applied  writes carried by a successful PUT sent after them (alone, or merged with newer writes)
 * @param lost     writes whose value was the CRM's last word for a column of their contact, yet Genesys ends up with
 *                 something else: dropped after retries, overwritten by an older retry, or never sent
 * @param calls    every call to Genesys: token, GET, PUT, bulk read and upsert, whatever the answer
 * @param bulkReads {@code POST …/contacts/bulk}: many contacts read in one call
 * @param upserts  {@code POST …/contacts}: many contacts (or one, in replace mode) written in one call
 */
public record GenesysTally(
        int sent,
        int applied,
        int lost,
        long calls,
        long gets,
        long puts,
        long bulkReads,
        long upserts,
        long tokens,
        long conflicts,
        long throttled) {

    public static GenesysTally of(List<CrmWrite.Sent> sent, GenesysSimulator genesys, String contactListId) {
        return since(Instant.EPOCH, sent, genesys, contactListId);
    }

    /**
     * As {@link #of}, counting only the calls that arrived from {@code from} on: on a simulator shared by runs one after
     * the other, the token requests of the earlier runs are not this run's.
     */
    public static GenesysTally since(
            Instant from, List<CrmWrite.Sent> sent, GenesysSimulator genesys, String contactListId) {
        // The list's contact calls and the token requests: a shared simulator also serves other tenants' calls
        // (notification channels, campaign reads) that carry no list id and are not this run's.
        List<RecordedRequest> requests = genesys.requestLog()
                .requests(r -> (contactListId.equals(r.contactListId()) || isToken(r))
                        && !r.time().isBefore(from));
        long gets = requests.stream().filter(r -> "GET".equals(r.method())).count();
        long puts = requests.stream().filter(r -> "PUT".equals(r.method())).count();
        long bulkReads = requests.stream()
                .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/contacts/bulk"))
                .count();
        long upserts = requests.stream()
                .filter(r -> "POST".equals(r.method()) && r.path().endsWith("/contacts"))
                .count();
        long tokens = requests.stream().filter(GenesysTally::isToken).count();
        long conflicts = requests.stream().filter(r -> r.status() == 409).count();
        long throttled = requests.stream().filter(r -> r.status() == 429).count();
        List<RecordedPut> recordedPuts = genesys.requestLog().puts().stream()
                .filter(p -> contactListId.equals(p.contactListId()))
                .toList();
        return new GenesysTally(
                sent.size(),
                applied(sent, recordedPuts),
                lost(sent, genesys),
                requests.size(),
                gets,
                puts,
                bulkReads,
                upserts,
                tokens,
                conflicts,
                throttled);
    }

    private static boolean isToken(RecordedRequest request) {
        return request.path().endsWith("/oauth/token");
    }

    public double conflictsPerThousand() {
        return sent == 0 ? 0 : conflicts * 1000.0 / sent;
    }

    public double callsPerAppliedWrite() {
        return applied == 0 ? Double.NaN : (double) calls / applied;
    }

    private static int applied(List<CrmWrite.Sent> sent, List<RecordedPut> puts) {
        Map<String, List<DialEndToApply.GoodPut>> good = DialEndToApply.successfulPuts(puts);
        int applied = 0;
        for (CrmWrite.Sent s : sent) {
            boolean carried = good.getOrDefault(s.write().contactId(), List.of()).stream()
                    .anyMatch(p ->
                            !p.time().isBefore(s.at()) && p.seq() >= s.write().seq());
            if (carried) {
                applied++;
            }
        }
        return applied;
    }

    private static int lost(List<CrmWrite.Sent> sent, GenesysSimulator genesys) {
        record Last(long seq, String value) {}
        Map<String, Map<String, Last>> lastByContact = new HashMap<>();
        Map<String, String> listOf = new HashMap<>();
        for (CrmWrite.Sent s : sent) {
            CrmWrite w = s.write();
            listOf.put(w.contactId(), w.contactListId());
            Map<String, Last> columns = lastByContact.computeIfAbsent(w.contactId(), c -> new HashMap<>());
            w.columns()
                    .forEach((column, value) ->
                            columns.merge(column, new Last(w.seq(), value), (a, b) -> a.seq() >= b.seq() ? a : b));
        }
        Set<Long> lostWrites = new HashSet<>();
        lastByContact.forEach((contact, columns) -> {
            Map<String, String> data = genesys.contacts()
                    .get(listOf.get(contact), contact)
                    .map(StoredContact::data)
                    .orElse(Map.of());
            columns.forEach((column, last) -> {
                if (!Objects.equals(data.get(column), last.value())) {
                    lostWrites.add(last.seq());
                }
            });
        });
        return lostWrites.size();
    }
}

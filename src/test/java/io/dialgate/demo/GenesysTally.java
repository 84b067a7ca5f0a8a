package io.dialgate.demo;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.StoredContact;

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
 * @param calls    every call to Genesys: token, GET and PUT, whatever the answer
 */
public record GenesysTally(
        int sent,
        int applied,
        int lost,
        long calls,
        long gets,
        long puts,
        long tokens,
        long conflicts,
        long throttled) {

    public static GenesysTally of(List<CrmWrite.Sent> sent, GenesysSimulator genesys, String contactListId) {
        List<RecordedRequest> requests = genesys.requestLog()
                .requests(r -> contactListId.equals(r.contactListId()) || r.contactListId() == null);
        long gets = requests.stream().filter(r -> "GET".equals(r.method())).count();
        long puts = requests.stream().filter(r -> "PUT".equals(r.method())).count();
        long tokens = requests.stream().filter(r -> r.contactListId() == null).count();
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
                tokens,
                conflicts,
                throttled);
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

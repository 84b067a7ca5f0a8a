package io.dialgate.bench;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.DialOutcome;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.vertx.core.buffer.Buffer;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real Genesys events for the ingest benchmark, as many as needed and never repeated: the four events of one dial
 * (preContact, outbound, customer.end, postContact) as the simulator's dialer builds them, used as templates in which
 * event {@code n} gets its own contact and conversation. Every event is therefore new to dialgate and takes the full
 * path (parse, route, Lua script), as live traffic does; replaying a fixed file would turn most events into cheap
 * duplicates after one pass.
 */
final class EventCorpus {

    static final String LIST = "be0c0de0-0000-4000-8000-00000000beef";
    private static final String TEMPLATE_CONTACT = "feedfacefeedfacefeedfacefeedface";
    private static final Pattern EVENT_TIME = Pattern.compile("\"eventTime\":(\\d+)");

    private final String[] templates = new String[4];
    private final long baseMillis = System.currentTimeMillis();

    private EventCorpus(String[] envelopes, String conversationId) {
        for (int step = 0; step < 4; step++) {
            String t = envelopes[step].replace(TEMPLATE_CONTACT, "%C%").replace(conversationId, "%V%");
            Matcher m = EVENT_TIME.matcher(t);
            templates[step] = m.replaceAll("\"eventTime\":%T" + step + "%");
        }
    }

    static EventCorpus create() {
        try (GenesysSimulator scratch = GenesysSimulator.start(SimulatorOptions.defaults())) {
            scratch.contacts().put(LIST, TEMPLATE_CONTACT, Map.of("phone", "+13175550100"));
            Dial dial = scratch.dialer().prepare(LIST, TEMPLATE_CONTACT, DialOutcome.ANSWERED);
            String[] envelopes = {
                dial.preContactEvent().toString(),
                dial.outboundEvent().toString(),
                dial.customerEndEvent().toString(),
                dial.postContactEvent().toString()
            };
            return new EventCorpus(envelopes, dial.conversationId());
        }
    }

    /** Event {@code n}: step {@code n % 4} of dial {@code n / 4}. */
    String event(long n) {
        long dial = n / 4;
        int step = (int) (n % 4);
        return templates[step]
                .replace("%C%", contactId(dial))
                .replace("%V%", String.format("0b0e0000-0000-4000-8000-%012x", dial))
                .replace("%T" + step + "%", Long.toString(baseMillis + step));
    }

    static String contactId(long dial) {
        return String.format("%032x", dial);
    }

    Buffer single(long n) {
        return Buffer.buffer(event(n));
    }

    /** Request {@code r} of a run in batches: events {@code r*size .. r*size+size-1} as one JSON array. */
    Buffer batch(long r, int size) {
        StringBuilder json = new StringBuilder(size * 900).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(event(r * size + i));
        }
        return Buffer.buffer(json.append(']').toString());
    }

    /** The first two events (preContact, outbound) of dials {@code first .. first+count-1}: contacts left in a dial. */
    String activeDials(long first, int count) {
        StringBuilder json = new StringBuilder(count * 1800).append('[');
        for (long d = first; d < first + count; d++) {
            if (d > first) {
                json.append(',');
            }
            json.append(event(d * 4)).append(',').append(event(d * 4 + 1));
        }
        return json.append(']').toString();
    }
}

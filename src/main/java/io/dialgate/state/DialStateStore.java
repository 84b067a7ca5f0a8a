package io.dialgate.state;

import io.dialgate.callbacks.CallbackScriptArgs;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.state.DialerEvent.DialResult;
import io.dialgate.tenant.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The mirror of each contact's dial state in Redis; applying an event also holds or releases the contact's writes. */
@ApplicationScoped
public class DialStateStore {

    private final RedisScripts redis;
    private final Duration finishedDialMemory;
    private final CallbackScriptArgs callbacks;

    public DialStateStore(RedisScripts redis, DialStateConfig config, CallbackScriptArgs callbacks) {
        this.redis = redis;
        this.finishedDialMemory = config.finishedDialMemory();
        this.callbacks = callbacks;
    }

    /**
     * The result of applying one event: its outcome, whether it released held writes of its contact, and whether it
     * ended the contact's dial.
     */
    public record Applied(EventOutcome outcome, boolean released, boolean ended) {}

    /** Applies one event; the returned Uni completes when Redis has applied it (or parked it). */
    public Uni<Applied> apply(Tenant tenant, DialerEvent event) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String conversation = event.conversationId().orElse("");
        if (event.contact().isPresent()) {
            ContactRef contact = event.contact().get();
            return applyTo(tenant, keys, TenantKeys.member(contact.contactListId(), contact.contactId()), event);
        }
        return redis.runReplicatedAsync(
                        LuaScript.PARK_EVENT,
                        keys,
                        List.of(keys.conversation(conversation)),
                        List.of(
                                Long.toString(event.eventTime()), event.phase().name(),
                                Integer.toString(event.phase().rank()),
                                        Long.toString(conversationTtl(tenant).toMillis())))
                .chain(parked -> parked.size() < 2
                        ? Uni.createFrom().item(new Applied(EventOutcome.PARKED, false, false))
                        : applyTo(tenant, keys, parked.get(1).toString(), event));
    }

    /**
     * Applies the events of one batch, replies in their order. Those that name their contact go to Redis as one
     * pipeline ({@link RedisScripts#runAllReplicatedAsync}); the others first look their contact up by conversation
     * ({@link #apply}). The events are independent: the state machine orders each contact's events by eventTime.
     */
    public Uni<List<Applied>> applyAll(Tenant tenant, List<DialerEvent> events) {
        TenantKeys keys = new TenantKeys(tenant.name());
        List<RedisScripts.ScriptRun> runs = new ArrayList<>();
        List<Uni<Applied>> lookups = new ArrayList<>();
        for (DialerEvent event : events) {
            if (event.contact().isPresent()) {
                ContactRef contact = event.contact().get();
                runs.add(
                        applyRun(tenant, keys, TenantKeys.member(contact.contactListId(), contact.contactId()), event));
            } else {
                lookups.add(apply(tenant, event));
            }
        }
        Uni<List<Response>> direct = redis.runAllReplicatedAsync(LuaScript.APPLY_EVENT, keys, runs);
        Uni<List<Applied>> looked = lookups.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Uni.join().all(lookups).andFailFast();
        return Uni.combine().all().unis(direct, looked).asTuple().map(both -> {
            List<Applied> applied = new ArrayList<>(events.size());
            int run = 0;
            int lookup = 0;
            for (DialerEvent event : events) {
                applied.add(
                        event.contact().isPresent()
                                ? applied(both.getItem1().get(run++))
                                : both.getItem2().get(lookup++));
            }
            return applied;
        });
    }

    private Uni<Applied> applyTo(Tenant tenant, TenantKeys keys, String member, DialerEvent event) {
        RedisScripts.ScriptRun run = applyRun(tenant, keys, member, event);
        return redis.runReplicatedAsync(LuaScript.APPLY_EVENT, keys, run.keys(), run.args())
                .map(DialStateStore::applied);
    }

    private static Applied applied(Response result) {
        return new Applied(
                EventOutcome.valueOf(result.get(0).toString().toUpperCase(Locale.ROOT)),
                result.get(2).toInteger() == 1,
                result.get(3).toInteger() == 1);
    }

    private RedisScripts.ScriptRun applyRun(Tenant tenant, TenantKeys keys, String member, DialerEvent event) {
        String conversation = event.conversationId().orElse("");
        List<String> args = new ArrayList<>(List.of(
                member,
                Long.toString(event.eventTime()),
                event.phase().name(),
                Integer.toString(event.phase().rank()),
                conversation,
                event.campaignId().orElse(""),
                event.phase().active() ? "1" : "0",
                Long.toString(tenant.activeDialTtl().toMillis()),
                Long.toString(tenant.postCallGrace().toMillis()),
                Long.toString(finishedDialMemory.toMillis()),
                Long.toString(conversationTtl(tenant).toMillis()),
                tenant.watch().reconciles() ? "1" : "0"));
        Optional<DialResult> outcome = event.result();
        args.add(outcome.flatMap(DialResult::wrapupCode).orElse(""));
        args.add(outcome.flatMap(DialResult::callAnalysisDisposition).orElse(""));
        args.add(outcome.flatMap(DialResult::isRightPartyContact)
                .map(String::valueOf)
                .orElse(""));
        args.addAll(callbacks.of(tenant));
        return new RedisScripts.ScriptRun(List.of(keys.dial(member), keys.conversation(conversation)), args);
    }

    /** The current dial state of a contact; {@code IDLE} when dialgate knows of no dial. */
    public DialState read(Tenant tenant, ContactRef contact) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String member = TenantKeys.member(contact.contactListId(), contact.contactId());
        Map<String, String> fields = RedisReplies.hash(redis.command("HGETALL", keys.dial(member)));
        long pending = redis.command("LLEN", keys.pendingIds(member)).toLong()
                + redis.command("LLEN", keys.inFlightIds(member)).toLong();
        return DialState.from(fields, pending, Instant.now());
    }

    /** A conversation's link to its contact outlives the longest active dial, and then the finished-dial memory. */
    private Duration conversationTtl(Tenant tenant) {
        return tenant.activeDialTtl().plus(finishedDialMemory);
    }
}

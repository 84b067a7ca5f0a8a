package io.dialgate.state;

import io.dialgate.callbacks.CallbackScriptArgs;
import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.state.DialerEvent.DialResult;
import io.dialgate.tenant.Tenant;
import io.smallrye.mutiny.Uni;
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
        return redis.runAsync(
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

    private Uni<Applied> applyTo(Tenant tenant, TenantKeys keys, String member, DialerEvent event) {
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
                Long.toString(conversationTtl(tenant).toMillis())));
        Optional<DialResult> outcome = event.result();
        args.add(outcome.flatMap(DialResult::wrapupCode).orElse(""));
        args.add(outcome.flatMap(DialResult::callAnalysisDisposition).orElse(""));
        args.add(outcome.flatMap(DialResult::isRightPartyContact)
                .map(String::valueOf)
                .orElse(""));
        args.addAll(callbacks.of(tenant));
        return redis.runAsync(
                        LuaScript.APPLY_EVENT, keys, List.of(keys.dial(member), keys.conversation(conversation)), args)
                .map(result -> new Applied(
                        EventOutcome.valueOf(result.get(0).toString().toUpperCase(Locale.ROOT)),
                        result.get(2).toInteger() == 1,
                        result.get(3).toInteger() == 1));
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

package io.dialgate.state;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.state.DialerEvent.ContactRef;
import io.dialgate.tenant.DialgateConfig;
import io.dialgate.tenant.Tenant;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The mirror of each contact's dial state in Redis; applying an event also holds or releases the contact's writes. */
@ApplicationScoped
public class DialStateStore {

    private final RedisScripts redis;
    private final Duration finishedDialMemory;

    public DialStateStore(RedisScripts redis, DialgateConfig config) {
        this.redis = redis;
        this.finishedDialMemory = config.dispatch().finishedDialMemory();
    }

    /** The result of applying one event: its outcome, and whether it released held writes of its contact. */
    public record Applied(EventOutcome outcome, boolean released) {
    }

    public Applied apply(Tenant tenant, DialerEvent event) {
        TenantKeys keys = new TenantKeys(tenant.name());
        Optional<String> member = event.contact().map(c -> TenantKeys.member(c.contactListId(), c.contactId()))
                .or(() -> event.conversationId().flatMap(conversation -> contactOf(keys, conversation)));
        if (member.isEmpty()) {
            return new Applied(EventOutcome.UNJOINED, false);
        }
        String conversation = event.conversationId().orElse("");
        Duration conversationTtl = tenant.activeDialTtl().plus(finishedDialMemory);
        Response result = redis.run(LuaScript.APPLY_EVENT, keys,
                List.of(keys.dial(member.get()), keys.conversation(conversation)),
                List.of(member.get(), Long.toString(event.eventTime()), event.phase().name(),
                        Integer.toString(event.phase().rank()), conversation, event.campaignId().orElse(""),
                        event.phase().active() ? "1" : "0", Long.toString(tenant.activeDialTtl().toMillis()),
                        Long.toString(finishedDialMemory.toMillis()), Long.toString(conversationTtl.toMillis())));
        EventOutcome outcome = EventOutcome.valueOf(result.get(0).toString().toUpperCase(java.util.Locale.ROOT));
        return new Applied(outcome, result.get(2).toInteger() == 1);
    }

    /** The current dial state of a contact; {@code IDLE} when dialgate knows of no dial. */
    public DialState read(Tenant tenant, ContactRef contact) {
        TenantKeys keys = new TenantKeys(tenant.name());
        String member = TenantKeys.member(contact.contactListId(), contact.contactId());
        Map<String, String> fields = RedisReplies.hash(redis.command("HGETALL", keys.dial(member)));
        long pending = redis.command("LLEN", keys.pendingIds(member)).toLong()
                + redis.command("LLEN", keys.inFlightIds(member)).toLong();
        return DialState.from(fields, pending);
    }

    private Optional<String> contactOf(TenantKeys keys, String conversationId) {
        Response member = redis.command("HGET", keys.conversation(conversationId), "member");
        return Optional.ofNullable(member).map(Response::toString);
    }
}

package io.dialgate.events;

import io.dialgate.state.DialPhase;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics dialgate uses and the dial phase each one means. Field names follow the topic schemas in
 * {@code shared/genesys-spec/topics}. Any other topic is ignored: a relay that receives an error retries for days.
 */
public record TopicRoute(String label, DialPhase phase, Carries carries, Optional<String> topicConversationId) {

    /** Where the event's contact comes from. */
    public enum Carries {
        /** The body names the contact: {@code outboundContactListId}, {@code outboundContactId}. */
        CONTACT,
        /** The body names only the conversation; the contact is found through the {@code .outbound} event's index. */
        CONVERSATION,
        /**
         * A queue or user conversation snapshot: the contact sits in participant {@code attributes}
         * ({@code dialerContactId}, ...) or in a dialer preview, and the phase follows from the participants' states.
         */
        SNAPSHOT
    }

    private static final Pattern CAMPAIGN =
            Pattern.compile("v2\\.outbound\\.(voice|preview)\\.campaigns\\.contact\\.(preContact|postContact)");
    private static final Pattern DETAIL = Pattern.compile(
            "v2\\.detail\\.events\\.conversation\\.([^.]+)\\.(outbound|customer\\.start|customer\\.end|user\\.start"
                    + "|user\\.end|acd\\.start|acd\\.end|acw|wrapup|voicemail\\.start|voicemail\\.end)");

    private static final Pattern SNAPSHOT =
            Pattern.compile("v2\\.(routing\\.queues|users)\\.[^.]+\\.conversations(?:\\.(calls|callbacks))?");

    public static Optional<TopicRoute> of(String topicName) {
        Matcher snapshot = SNAPSHOT.matcher(topicName);
        if (snapshot.matches()) {
            String owner = snapshot.group(1).equals("users") ? "user" : "queue";
            String media = snapshot.group(2) == null ? "" : "." + snapshot.group(2);
            return Optional.of(
                    new TopicRoute(owner + ".conversations" + media, null, Carries.SNAPSHOT, Optional.empty()));
        }
        Matcher campaign = CAMPAIGN.matcher(topicName);
        if (campaign.matches()) {
            boolean pre = campaign.group(2).equals("preContact");
            boolean preview = campaign.group(1).equals("preview");
            DialPhase phase = !pre ? DialPhase.DONE : preview ? DialPhase.QUEUED_FOR_DIAL : DialPhase.DIALING;
            return Optional.of(new TopicRoute(
                    campaign.group(1) + "." + campaign.group(2), phase, Carries.CONTACT, Optional.empty()));
        }
        Matcher detail = DETAIL.matcher(topicName);
        if (detail.matches()) {
            String sub = detail.group(2);
            return Optional.of(new TopicRoute(
                    "detail." + sub,
                    detailPhase(sub),
                    sub.equals("outbound") ? Carries.CONTACT : Carries.CONVERSATION,
                    Optional.of(detail.group(1))));
        }
        return Optional.empty();
    }

    private static DialPhase detailPhase(String sub) {
        return switch (sub) {
            case "outbound" -> DialPhase.DIALING;
            case "customer.start", "user.start", "acd.start", "acd.end", "voicemail.start" -> DialPhase.CONNECTED;
            default -> DialPhase.WRAPUP;
        };
    }
}

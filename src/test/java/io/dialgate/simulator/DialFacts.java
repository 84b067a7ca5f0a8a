package io.dialgate.simulator;

/**
 * The ids and values fixed when a dial is planned; every event of the dial is built from them,
 * so repeated or re-ordered events of one dial agree with each other.
 *
 * @param phoneColumn      the contact column dialed, or null if the contact has no phone-like column
 * @param phoneNumber      that column's value, or null
 * @param contactPhoneType a value of the topic's {@code contactPhoneType} enum
 */
record DialFacts(
        String contactListId,
        String contactId,
        String campaignId,
        String divisionId,
        String queueId,
        String conversationId,
        String customerParticipantId,
        String customerSessionId,
        String agentId,
        String dialingMode,
        String phoneColumn,
        String phoneNumber,
        String contactPhoneType,
        String callerIdNumber,
        String callerIdName,
        DialOutcome outcome) {}

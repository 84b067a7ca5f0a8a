package io.dialgate.tenant;

/**
 * How a tenant's writes are sent (see {@link TenantConfig#applyMode()}).
 *
 * @param bulkMin   contacts of one list ready together from which {@link ApplyMode#AUTO} applies them in bulk
 * @param readSize  most contact ids in one bulk read
 * @param writeSize most contacts in one upsert
 */
public record ApplyPolicy(ApplyMode mode, int bulkMin, int readSize, int writeSize) {

    /** Genesys's documented limit of the bulk read ({@code too.many.contacts.requested}, docs/GENESYS.md). */
    public static final int MAX_READ_SIZE = 50;
    /** Genesys's documented limit of the contact upsert ({@code too.many.contacts.added}, docs/GENESYS.md). */
    public static final int MAX_WRITE_SIZE = 1000;

    /** Whether {@code ready} contacts of one list, claimed together, go to Genesys in bulk requests. */
    public boolean inBulk(int ready) {
        return switch (mode) {
            case CONTACT -> false;
            case BULK -> true;
            case AUTO -> ready >= bulkMin;
        };
    }

    /** Most contacts one bulk apply takes: a merge batch reads before it writes, so both limits bind it. */
    public int batchSize() {
        return Math.min(readSize, writeSize);
    }
}

package io.dialgate.tenant;

/** How a tenant's ready writes reach Genesys ({@code dialgate.tenants.<t>.apply-mode}). */
public enum ApplyMode {
    /** Bulk when at least {@code bulk-min} contacts of one list are ready together; one contact at a time otherwise. */
    AUTO,
    /** One contact at a time: GET and PUT (merge), or the upsert of that one contact (replace). */
    CONTACT,
    /** Every contact list's ready contacts together: one bulk read and one upsert per batch, whatever their number. */
    BULK
}

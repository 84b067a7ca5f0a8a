/**
 * dialgate's own subscription to the Genesys notification service: per tenant (with {@code notifications.enabled}),
 * one pod at a time (a lease in Redis) runs a set of channels and their WebSockets, whose messages go through the same
 * envelope reader, topic routes and state rules as the HTTP events endpoint; and reconciliation, which rebuilds the
 * active dials of the watched campaigns from the REST API after every gap and every {@code reconcile-interval}.
 */
package io.dialgate.notifications;

package io.dialgate.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drops dialgate's pooled connections to a Redis that turned out to be a replica (READONLY), so the pool opens new
 * ones and resolves the host name again: after a fail-over behind one DNS name, the old connections still lead to the
 * old primary, now a replica, and would answer READONLY for as long as they live. The connections are found by the
 * client name every dialgate pool sets ({@code quarkus.redis.client-name}); the kill runs on the replica itself,
 * which accepts CLIENT commands.
 */
class StaleConnections {

    private static final Logger LOG = Logger.getLogger(StaleConnections.class);
    /** One sweep drops every connection; more READONLY answers meanwhile are the same fail-over. */
    private static final long MIN_INTERVAL_MS = 1_000;

    static final String CLIENT_NAME = "dialgate";

    private final RedisDataSource redis;
    private final AtomicLong lastSweep = new AtomicLong();

    StaleConnections(RedisDataSource redis) {
        this.redis = redis;
    }

    void dropAll() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last < MIN_INTERVAL_MS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        List<String> ids;
        try {
            ids = dialgateConnections(
                    redis.execute("CLIENT", "LIST", "TYPE", "normal").toString());
        } catch (RuntimeException e) {
            LOG.debugf("Listing the connections to a read-only Redis: %s", e.getMessage());
            return;
        }
        for (String id : ids) {
            try {
                redis.execute("CLIENT", "KILL", "ID", id, "SKIPME", "no");
            } catch (RuntimeException e) {
                // The connection that ran the kill may be the one dropped; the pool replaces it either way.
                LOG.debugf("Dropping connection %s to a read-only Redis: %s", id, e.getMessage());
            }
        }
        LOG.warnf("Redis answered READONLY (a replica): dropped %d connections to reconnect", ids.size());
    }

    /** The ids of the connections named {@link #CLIENT_NAME} in a CLIENT LIST answer. */
    static List<String> dialgateConnections(String clientList) {
        List<String> ids = new ArrayList<>();
        for (String line : clientList.split("\n")) {
            String id = null;
            boolean ours = false;
            for (String field : line.strip().split(" ")) {
                if (field.startsWith("id=")) {
                    id = field.substring(3);
                } else if (field.equals("name=" + CLIENT_NAME)) {
                    ours = true;
                }
            }
            if (ours && id != null) {
                ids.add(id);
            }
        }
        return ids;
    }
}

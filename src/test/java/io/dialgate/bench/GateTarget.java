package io.dialgate.bench;

import io.dialgate.simulator.GenesysSimulator;

/**
 * A running dialgate and what the benchmark needs to reach it: its API and management URLs and tenant tokens, the Genesys simulator its
 * tenant points at (with the OAuth client it uses), its Redis, and its process id for memory readings. The benchmark
 * fills it from a child process of the production jar; the smoke test from the Quarkus test application.
 */
record GateTarget(
        String baseUrl,
        String managementUrl,
        String tenant,
        String ingestToken,
        String crmToken,
        GenesysSimulator genesys,
        String clientId,
        String clientSecret,
        int redisPort,
        long pid) {

    /** Fails the run when dialgate is gone (killed from outside, crashed): numbers measured after that mean nothing. */
    void requireAlive(String step) {
        boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            throw new IllegalStateException("dialgate (pid " + pid + ") is no longer running before step: " + step
                    + "; see its log in bench/results/");
        }
    }

    String eventsUrl() {
        return baseUrl + "/v1/tenants/" + tenant + "/events";
    }

    /** Keeps tokens and the client secret out of logs. */
    @Override
    public String toString() {
        return "GateTarget[" + baseUrl + ", tenant=" + tenant + ", redisPort=" + redisPort + ", pid=" + pid + "]";
    }
}

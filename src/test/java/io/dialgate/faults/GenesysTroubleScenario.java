package io.dialgate.faults;

import io.dialgate.simulator.FaultPlan;
import io.dialgate.simulator.ScriptedResponse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: Genesys slow (PUTs answered near dialgate's 10 s read timeout), a 5xx storm, a 429 storm, every token
 * revoked, and a token endpoint that answers 400 {@code invalid_client} and then an HTML page with 200.
 */
final class GenesysTroubleScenario implements FaultScenario {

    @Override
    public String name() {
        return "4 Genesys trouble";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard();
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        FaultPlan faults = rig.genesys().faults();
        Duration phase = rig.scale().outage();
        Duration stormPhase = rig.scale().storm();
        int storm = (int) (rig.scale().writesPerSecond() * 2 * stormPhase.toSeconds());
        faults.latency((method, path) -> method.equals("PUT") ? Duration.ofMillis(9_000) : Duration.ZERO);
        Thread.sleep(phase.toMillis());
        faults.latency(Duration.ZERO);
        for (int i = 0; i < storm; i++) {
            faults.nextPut(ScriptedResponse.genesysError(503, "service.unavailable", "storm"));
            faults.nextGet(ScriptedResponse.genesysError(502, "bad.gateway", "storm"));
        }
        Thread.sleep(stormPhase.toMillis());
        for (int i = 0; i < storm; i++) {
            faults.nextPut(ScriptedResponse.tooManyRequests(1));
        }
        Thread.sleep(phase.toMillis());
        rig.genesys().tokens().revokeAll();
        Thread.sleep(phase.toMillis() / 2);
        faults.nextToken(400, Map.of(), "{\"error\":\"invalid_client\",\"description\":\"client secret rotated\"}");
        faults.nextToken(
                ScriptedResponse.of(200, Map.of("Content-Type", "text/html"), "<html><body>Proxy login</body></html>"));
        rig.genesys().tokens().revokeAll();
        Thread.sleep(phase.toMillis() / 2);
        int leftover = faults.pending();
        faults.clear();
        return Injection.of(
                String.format(
                        "PUTs 9 s for %d s; %d × 5xx over %d s; %d × 429; tokens revoked; token 400 then "
                                + "HTML (%d scripted answers left unused)",
                        phase.toSeconds(), storm, stormPhase.toSeconds(), storm, leftover),
                List.of());
    }
}

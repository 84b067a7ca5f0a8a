package io.dialgate.faults;

import io.dialgate.simulator.ScriptedResponse;

import java.util.List;
import java.util.Map;

/**
 * Scenario 8: dialgate logging at DEBUG while its tokens are refused and renewed; the runner's log scan (run after
 * every scenario) then looks for every client secret, CRM and ingest token and Genesys access token.
 */
final class SecretsScenario implements FaultScenario {

    @Override
    public String name() {
        return "8 secrets in logs";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard()
                .withConfiguration(Map.of("quarkus.log.category.\"io.dialgate\".level", "DEBUG"));
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        long third = rig.scale().load().toMillis() / 3;
        Thread.sleep(third);
        rig.genesys().tokens().revokeAll();
        rig.genesys().faults().nextToken(401, Map.of(), "{\"error\":\"invalid_client\"}");
        rig.genesys().faults().nextPut(ScriptedResponse.genesysError(401, "bad.credentials", "token revoked"));
        Thread.sleep(third);
        rig.genesys().tokens().expireAll();
        return Injection.of("DEBUG logging; tokens revoked, token 401, PUT 401, tokens expired", List.of());
    }
}

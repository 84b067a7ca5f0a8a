package io.dialgate.faults;

import io.dialgate.testing.TestTenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scenario 8 for every run: no dialgate log holds a client secret, a CRM or ingest token, or a Genesys access token. */
final class SecretsScan {

    private SecretsScan() {}

    static List<String> problems(FaultRig rig) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(TestTenants.ACME_CLIENT_SECRET, "acme's client secret");
        secrets.put(TestTenants.ACME_CRM_TOKEN, "acme's CRM token");
        secrets.put(TestTenants.ACME_INGEST_TOKEN, "acme's ingest token");
        secrets.put(TestTenants.GLOBEX_CLIENT_SECRET, "globex's client secret");
        secrets.put(TestTenants.GLOBEX_CRM_TOKEN, "globex's CRM token");
        secrets.put(TestTenants.GLOBEX_INGEST_TOKEN, "globex's ingest token");
        rig.genesys().tokens().accessTokensEverIssued().forEach(t -> secrets.put(t, "a Genesys access token"));
        rig.otherGenesys()
                .ifPresent(g ->
                        g.tokens().accessTokensEverIssued().forEach(t -> secrets.put(t, "a Genesys access token")));
        List<String> problems = new ArrayList<>();
        for (Path log : rig.logs()) {
            String text = read(log);
            secrets.forEach((secret, what) -> {
                if (text.contains(secret)) {
                    problems.add(log.getFileName() + " contains " + what);
                }
            });
        }
        return problems.stream().distinct().toList();
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

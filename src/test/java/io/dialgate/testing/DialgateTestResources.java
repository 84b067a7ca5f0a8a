package io.dialgate.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every Quarkus test runs against: a redis-server process, the Genesys simulator and
 * the CRM's webhook endpoint. Declared once
 * here (not per test class) so all test classes share one application start.
 */
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(GenesysSimulatorTestResource.class)
@QuarkusTestResource(CallbackReceiverTestResource.class)
public final class DialgateTestResources {

    private DialgateTestResources() {}
}

package io.dialgate.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real parts every Quarkus test runs against: a redis-server process and the Genesys simulator. Declared once
 * here (not per test class) so all test classes share one application start.
 */
@QuarkusTestResource(RedisTestResource.class)
@QuarkusTestResource(GenesysSimulatorTestResource.class)
public final class DialgateTestResources {

    private DialgateTestResources() {}
}

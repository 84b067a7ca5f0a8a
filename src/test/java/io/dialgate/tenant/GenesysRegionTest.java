package io.dialgate.tenant;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GenesysRegionTest {

    @Test
    void euWest1IsTheIrishDomain() {
        String domain = GenesysRegion.domainOf("eu-west-1").orElseThrow();
        assertEquals(URI.create("https://api.mypurecloud.ie"), GenesysRegion.apiUrl(domain));
        assertEquals(URI.create("https://login.mypurecloud.ie"), GenesysRegion.loginUrl(domain));
    }

    @Test
    void usEast1IsTheOriginalDomain() {
        assertEquals(Optional.of("mypurecloud.com"), GenesysRegion.domainOf("us-east-1"));
    }

    @Test
    void theNewerRegionsIncludingTheSovereignCloudWithItsOwnDomain() {
        assertEquals(Optional.of("mxc1.pure.cloud"), GenesysRegion.domainOf("mx-central-1"));
        assertEquals(Optional.of("apse1.pure.cloud"), GenesysRegion.domainOf("ap-southeast-1"));
        String sovereign = GenesysRegion.domainOf("eusc-de-east-1").orElseThrow();
        assertEquals(URI.create("https://api.edee1.eusc-pure.cloud"), GenesysRegion.apiUrl(sovereign));
        assertEquals(URI.create("https://login.edee1.eusc-pure.cloud"), GenesysRegion.loginUrl(sovereign));
    }

    @Test
    void anUnknownRegionHasNoDomain() {
        assertEquals(Optional.empty(), GenesysRegion.domainOf("mars-north-1"));
    }
}

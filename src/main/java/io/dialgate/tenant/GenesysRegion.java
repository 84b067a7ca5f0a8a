package io.dialgate.tenant;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Genesys Cloud regions and their domains, as the official SDKs map them (purecloud-platform-client-v2
 * {@code PureCloudRegionHosts}); the API host is {@code api.<domain>}, the login host {@code login.<domain>}.
 */
public final class GenesysRegion {

    private static final Map<String, String> DOMAINS = Map.ofEntries(
            Map.entry("us-east-1", "mypurecloud.com"),
            Map.entry("eu-west-1", "mypurecloud.ie"),
            Map.entry("ap-southeast-2", "mypurecloud.com.au"),
            Map.entry("ap-northeast-1", "mypurecloud.jp"),
            Map.entry("eu-central-1", "mypurecloud.de"),
            Map.entry("us-west-2", "usw2.pure.cloud"),
            Map.entry("ca-central-1", "cac1.pure.cloud"),
            Map.entry("ap-northeast-2", "apne2.pure.cloud"),
            Map.entry("eu-west-2", "euw2.pure.cloud"),
            Map.entry("ap-south-1", "aps1.pure.cloud"),
            Map.entry("us-east-2", "use2.us-gov-pure.cloud"),
            Map.entry("sa-east-1", "sae1.pure.cloud"),
            Map.entry("me-central-1", "mec1.pure.cloud"),
            Map.entry("ap-northeast-3", "apne3.pure.cloud"),
            Map.entry("eu-central-2", "euc2.pure.cloud"));

    private GenesysRegion() {}

    /** The org's domain for a region name such as {@code eu-west-1}, if the region is known. */
    public static Optional<String> domainOf(String region) {
        return Optional.ofNullable(DOMAINS.get(region.trim().toLowerCase(Locale.ROOT)));
    }

    public static URI apiUrl(String domain) {
        return URI.create("https://api." + domain);
    }

    public static URI loginUrl(String domain) {
        return URI.create("https://login." + domain);
    }

    public static Iterable<String> knownRegions() {
        return DOMAINS.keySet();
    }
}

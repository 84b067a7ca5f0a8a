package io.dialgate.faults;

import java.util.Random;

/** Bodies no valid client sends: broken JSON, wrong types, deep nesting, huge numbers, odd unicode, oversized. */
final class HostileBodies {

    private HostileBodies() {}

    static String next(Random random, String list, String contact) {
        return switch (random.nextInt(14)) {
            case 0 -> "{";
            case 1 -> "{\"data\":";
            case 2 -> "[1,2,";
            case 3 -> "{\"data\":[]}";
            case 4 -> "{\"data\":\"x\"}";
            case 5 -> "{\"data\":{\"a\":{\"b\":{}}}}";
            case 6 -> "[".repeat(5_000) + "]".repeat(5_000);
            case 7 -> "{\"data\":{\"n\":1" + "0".repeat(400) + "e99999}}";
            case 8 -> "{\"data\":{\"\\u0000\\ud800\":\"\\udfff\"}}";
            case 9 -> "{\"data\":{\"big\":\"" + "x".repeat(2_000_000) + "\"}}";
            case 10 -> "{\"mode\":\"replace\"}";
            case 11 -> "{\"data\":{}, \"mode\":\"sideways\"}";
            case 12 ->
                "{\"items\":[{\"contactId\":\"../" + contact + "\",\"data\":{\"a\":\"b\"}}],\"list\":\"" + list + "\"}";
            default -> randomBytes(random);
        };
    }

    private static String randomBytes(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(300);
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(0xD7FF));
        }
        return text.toString();
    }
}

package io.dialgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts the CRM webhook endpoint for the Quarkus tests and points the callback tenants' {@code callbacks.url} at it. */
public class CallbackReceiverTestResource implements QuarkusTestResourceLifecycleManager {

    private CallbackReceiver receiver;

    @Override
    public Map<String, String> start() {
        receiver = CallbackReceiver.start();
        return Map.of(
                "dialgate.tenants." + TestTenants.HOOLI + ".callbacks.url",
                receiver.url(TestTenants.HOOLI_CALLBACKS),
                "dialgate.tenants." + TestTenants.SOYLENT + ".callbacks.url",
                receiver.url(TestTenants.SOYLENT_CALLBACKS));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectCallbackReceiver.class, CallbackReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}

package io.dialgate.notifications;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The notification channels as readiness details: always UP — a socket is one pod's job for one tenant, and the HTTP
 * events endpoint and reconciliation keep working without it; the details say which tenants this pod leads and the
 * state of each socket (and any topic Genesys rejected).
 */
@Readiness
@ApplicationScoped
public class NotificationsHealth implements HealthCheck {

    private final NotificationLeadership leadership;

    public NotificationsHealth(NotificationLeadership leadership) {
        this.leadership = leadership;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("dialgate notifications").up();
        response.withData("leads", String.join(",", leadership.led()));
        leadership.describe().forEach(response::withData);
        return response.build();
    }
}

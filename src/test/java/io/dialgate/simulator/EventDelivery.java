package io.dialgate.simulator;

/** How the simulated dialer's notifications reach dialgate. */
public enum EventDelivery {
    /** POSTed to dialgate's events endpoint (an EventBridge API destination or another relay). */
    HTTP,
    /** Sent on the notification channels' WebSockets that dialgate opened and subscribed itself. */
    WEBSOCKET
}

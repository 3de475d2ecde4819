package dev.sipyard.sip.proxy;

import dev.sipyard.calllog.CallLog;
import dev.sipyard.config.CallSettings;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.LocationService;
import dev.sipyard.metrics.CallMeters;
import dev.sipyard.project.PhoneNumberService;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.routing.CallerPolicies;
import dev.sipyard.routing.CarrierGateways;
import dev.sipyard.webhook.WebhookClient;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every call on this node uses: the proxy core, the domain's lookups, the call log and
 * webhooks, the media engine and the dialogs that end here, and {@code work}, where anything
 * that may wait on the database runs (never on the SIP stack's own few threads), the call meters,
 * and the way to phones whose connection lives on another node.
 */
record CallServices(ProxyCore core, SipDirectory directory, CallerPolicies policies, LocationService locations,
                    Dialogs dialogs, CallLog callLog, WebhookClient webhooks, CallSettings settings,
                    ScheduledExecutorService timers, PhoneNumberService numbers, CarrierGateways carriers,
                    ResourceService resources, Executor work, MediaServices media, LocalDialogs localDialogs,
                    CallMeters meters, NodeRelays relays) {}

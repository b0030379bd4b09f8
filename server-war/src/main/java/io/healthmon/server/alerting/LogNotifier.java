package io.healthmon.server.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.logging.Logger;

/**
 * Tells the server log of every alert change, one line of JSON per event, after the change commits
 * (a rolled-back change was never true). Log shippers can parse the line after "ALERT ".
 */
@ApplicationScoped
public class LogNotifier {

    private static final Logger LOG = Logger.getLogger("io.healthmon.alerts");

    void opened(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertOpened event) {
        LOG.warning(() -> "ALERT " + event.notice().toJson());
    }

    void resolved(@Observes(during = TransactionPhase.AFTER_SUCCESS) AlertResolved event) {
        LOG.info(() -> "ALERT " + event.notice().toJson());
    }
}

package io.healthmon.archfixture.application;

import io.healthmon.archfixture.notification.MailNotifier;

/** Calls a notifier directly instead of firing an event after commit. */
public class HastyService {
    MailNotifier notifier = new MailNotifier();

    public void change() {
        notifier.send("changed");
    }
}

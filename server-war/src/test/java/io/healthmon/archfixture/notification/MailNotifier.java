package io.healthmon.archfixture.notification;

/** Stands for a notifier, which should only observe events. */
public class MailNotifier {
    public void send(String text) {
        System.out.println(text);
    }
}

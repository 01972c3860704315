package io.github.spellingreports.standalone.mail;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Adds the inbox pages to the worker's web application when the standalone runs its own SMTP
 * server. The worker itself knows nothing about it: the launcher adds this class to the
 * worker's sources and registers the {@link LocalInbox} as a bean. The worker's security
 * applies, so only a logged-in editor can read the mail; the console's navigation links to it
 * ({@link InboxNavigation}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ InboxController.class, InboxNavigation.class })
public class InboxConfiguration {

}

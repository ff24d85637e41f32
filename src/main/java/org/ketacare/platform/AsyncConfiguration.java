package org.ketacare.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Lets module listeners of events ({@code @ApplicationModuleListener}) run after the
 * publishing transaction commits, on Spring Boot's task executor.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncConfiguration {

}

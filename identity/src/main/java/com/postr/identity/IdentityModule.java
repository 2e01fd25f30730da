package com.postr.identity;

import com.postr.identity.ratelimit.RateLimitProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Identity as the app assembles it: accounts, tokens, the role rules and the {@link Caller} they produce, and
 * rate limits. The app imports this and provides {@link Refusals} (its error format) and, if it has carts,
 * {@link GuestCarts}.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan
@EnableConfigurationProperties({IdentityProperties.class, RateLimitProperties.class})
public class IdentityModule {
}

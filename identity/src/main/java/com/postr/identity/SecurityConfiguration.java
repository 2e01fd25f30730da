package com.postr.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Bearer-token security for the API. Tokens are RS256 JWTs, signed by the app's own keys, or, with
 * {@code postr.security.oidc.issuer} set, by an external OpenID Connect issuer (the app then only verifies
 * them). Stateless: no sessions, no cookies, so no CSRF tokens are needed. Which role may call what is
 * {@link AccessRules}; whose cart or order it is, the controllers check.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, Refusals errors,
                            IdentityProperties properties) throws Exception {
        var refusals = new ApiAuthenticationErrors(errors);
        return http
                .csrf(AbstractHttpConfigurer::disable)       // no cookies: a forged cross-site request has no token
                .cors(AbstractHttpConfigurer::disable)       // CorsConfiguration's filter runs before this chain
                .headers(AbstractHttpConfigurer::disable)    // SecurityHeadersFilter sets them on every answer
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> anonymous.principal(Caller.ANONYMOUS))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(rules -> AccessRules.apply(rules, properties.publicMetrics()))
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(authentication(properties)))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .build();
    }

    /**
     * Spring Security observes every filter, authentication and authorization of every request as its own
     * Micrometer observation: a tenth of a cheap GET's CPU. The request as a whole is still observed
     * ({@code http_server_requests_seconds}), refusals included, by their status.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    @Bean
    SigningKeys signingKeys(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        return new SigningKeys(jdbc, transactions, clock);
    }

    @Bean
    JwtEncoder jwtEncoder(SigningKeys keys) {
        return new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(keys.signingKey())));
    }

    /**
     * RS256 only: a token claiming {@code none}, HS256 (keyed with our public key) or any other algorithm is
     * refused before its claims are read. Then issuer, expiry and not-before are checked (60 s clock skew).
     */
    @Bean
    JwtDecoder jwtDecoder(IdentityProperties properties, SigningKeys keys) {
        var oidc = properties.oidc();
        NimbusJwtDecoder decoder;
        if (oidc.enabled()) {
            if (oidc.jwkSetUri() == null || oidc.jwkSetUri().isBlank()) {
                throw new IllegalStateException("postr.security.oidc.jwk-set-uri is required with an OIDC issuer");
            }
            decoder = NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()).jwsAlgorithm(
                    org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).build();
        } else {
            var processor = new DefaultJWTProcessor<SecurityContext>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
            processor.setJWTClaimsSetVerifier((claims, context) -> {
                // claims are validated below, by Spring's validators, so failures read the same either way
            });
            decoder = new NimbusJwtDecoder(processor);
        }
        var validator = JwtValidators.createDefaultWithIssuer(oidc.enabled() ? oidc.issuer() : properties.issuer());
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(decoder, validator, 10_000, Duration.ofMinutes(5));
    }

    @Bean
    Accounts accounts(JdbcTemplate jdbc, PasswordEncoder passwords, IdentityProperties properties, Clock clock) {
        return new Accounts(jdbc, passwords, properties, clock);
    }

    @Bean
    Tokens tokens(JwtEncoder encoder, SigningKeys keys, JdbcTemplate jdbc, Accounts accounts,
                  IdentityProperties properties, Clock clock) {
        return new Tokens(encoder, keys, jdbc, accounts, properties, clock);
    }

    @Bean
    AccountAdministration accountAdministration(Accounts accounts, Tokens tokens) {
        return new AccountAdministration(accounts, tokens);
    }

    @Bean
    InitialAdmin initialAdmin(Accounts accounts, IdentityProperties properties) {
        return new InitialAdmin(accounts, properties);
    }

    /** Roles from the configured claim (a list, or one space- or comma-separated string); unknown ones ignored. */
    private static JwtAuthenticationConverter authentication(IdentityProperties properties) {
        var claim = properties.oidc().enabled() ? properties.oidc().rolesClaim() : "roles";
        Converter<Jwt, Collection<GrantedAuthority>> roles = jwt -> {
            Object value = jwt.getClaims().get(claim);
            List<String> names = value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
                    : value instanceof String text ? Arrays.asList(text.split("[\\s,]+")) : List.of();
            return names.stream().map(Role::parse).flatMap(Optional::stream)
                    .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).distinct().toList();
        };
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return converter;
    }
}

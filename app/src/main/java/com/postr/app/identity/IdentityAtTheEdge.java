package com.postr.app.identity;

import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.error.ErrorResponses;
import com.postr.identity.IdentityModule;
import com.postr.identity.Refusals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The identity module, with its refusals written in the edge's one error format. */
@Configuration(proxyBeanMethods = false)
@Import(IdentityModule.class)
class IdentityAtTheEdge {

    @Bean
    Refusals refusals(ErrorResponses errors) {
        return (request, response, code, message, details) ->
                errors.write(request, response, ErrorCode.valueOf(code), message, details);
    }
}

package com.postr.app.config;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.List;

/**
 * "Role" used to mean both what a node runs and what a user may do. Node duties are now {@code postr.node.*}
 * (command, query, sagas); the old {@code postr.roles.*} names still work, with a deprecation warning, so
 * deployments keep running while they rename.
 */
public class LegacyNodeDutyProperties implements EnvironmentPostProcessor {

    static final List<String> DUTIES = List.of("command", "query", "sagas");

    private final Log log;

    public LegacyNodeDutyProperties(DeferredLogFactory logs) {
        this.log = logs.getLog(LegacyNodeDutyProperties.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var renamed = new HashMap<String, Object>();
        for (var duty : DUTIES) {
            var legacy = environment.getProperty("postr.roles." + duty);
            if (legacy != null && environment.getProperty("postr.node." + duty) == null) {
                renamed.put("postr.node." + duty, legacy);
                log.warn("postr.roles." + duty + " is deprecated and will be removed; use postr.node." + duty
                        + " (POSTR_NODE_" + duty.toUpperCase() + ")");
            }
        }
        if (!renamed.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("legacy-node-duties", renamed));
        }
    }
}

package com.postr.app.deployment;

import com.postr.app.PostrApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The axonserver profile moves events, commands and queries to Axon Server and keeps tokens in PostgreSQL. No
 * Axon Server runs here, so this checks the wiring only, on a command node: a streaming processor would refuse to
 * start without a reachable event store, while the connector itself keeps retrying in the background.
 */
class AxonServerProfileTest {

    @TempDir
    Path workDir;

    @Test
    void routesEventsCommandsAndQueriesThroughAxonServerWhenTheProfileIsActive() {
        try (var app = new SpringApplicationBuilder(PostrApplication.class).run("--server.port=0",
                "--spring.profiles.active=axonserver", "--axon.axonserver.servers=localhost:1",
                "--postr.node.query=false", "--postr.node.sagas=false",
                "--spring.datasource.url=", "--postr.embedded-postgres.data-dir=" + workDir.resolve("pg"))) {
            assertThat(app.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
            assertThat(app.getBeansOfType(EventStorageEngine.class)).isEmpty();
            assertThat(app.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
            assertThat(app.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
            assertThat(app.getBean(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        }
    }
}
